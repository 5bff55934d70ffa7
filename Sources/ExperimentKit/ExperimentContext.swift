import Foundation
import Plot

/// What an experiment reports to: progress to stderr, a summary table to stdout, and its
/// artefacts (results, manifest) to its output folder.
public struct ExperimentContext {
  /// The folder of the artefacts, `experiments/<name>/`.
  public let folder: URL
  /// Every parameter and seed the experiment used, written to `manifest.json`.
  public private(set) var parameters: [String: String] = [:]
  /// How long each timed computation took, in `manifest.json` and the summary.
  public private(set) var timings: [Timing] = []
  private let write: (String) -> Void
  private let progress: (String) -> Void

  /// A context writing artefacts to `folder`, the summary through `write` and progress
  /// through `progress`.
  public init(folder: URL, write: @escaping (String) -> Void, progress: @escaping (String) -> Void)
  {
    self.folder = folder
    self.write = write
    self.progress = progress
  }

  /// Records a parameter or seed for the manifest.
  public mutating func parameter(_ name: String, _ value: CustomStringConvertible) {
    parameters[name] = value.description
  }

  /// Runs `body`, recording its wall-clock and CPU time under `label`.
  public mutating func timed<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    progress(label + "…")
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = processCPUSeconds()
    let result = try body()
    let cpuSeconds = processCPUSeconds() - cpuStart
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    timings.append(Timing(label: label, seconds: seconds, cpuSeconds: cpuSeconds))
    return result
  }

  /// Prints a table with aligned columns to stdout.
  public func table(_ header: [String], _ rows: [[String]]) {
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    write(line(header))
    write(line(widths.map { String(repeating: "─", count: $0) }))
    for row in rows { write(line(row)) }
  }

  /// Prints a line of the summary to stdout.
  public func say(_ text: String) { write(text) }

  /// Writes `figure` as `name` (an SVG file) in the output folder.
  public func writeFigure(_ name: String, _ figure: Figure) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try figure.write(to: folder.appendingPathComponent(name))
    progress("wrote \(name)")
  }

  /// Writes `text` to `name` in the output folder.
  public func writeText(_ name: String, _ text: String) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
  }

  /// Writes `value` as pretty-printed JSON to `name` in the output folder.
  public func writeJSON(_ name: String, _ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    // A diverging run is a result too: its values are written as strings JSON can hold.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try encoder.encode(value).write(to: folder.appendingPathComponent(name))
  }
}

/// A number for a table: fixed decimals for moderate sizes, scientific otherwise.
public func formatted(_ x: Double, decimals: Int = 4) -> String {
  if x.isNaN { return "diverged" }
  if x.isInfinite { return x > 0 ? "∞" : "−∞" }
  if x != 0 && (abs(x) < 1e-3 || abs(x) >= 1e5) { return String(format: "%.\(decimals - 1)e", x) }
  return String(format: "%.\(decimals)f", x)
}

extension ExperimentContext {
  /// Writes `manifest.json`: what ran, with which parameters and seeds, on which toolchain,
  /// and how long each timed part took, so a run can be compared with another.
  public func writeManifest(experiment: Experiment) throws {
    struct Manifest: Encodable {
      let experiment: String, exercise: String, toolchain: String, date: String
      let parameters: [String: String]
      let timings: [Timing]
    }
    try writeJSON(
      "manifest.json",
      Manifest(
        experiment: experiment.name, exercise: experiment.exercise, toolchain: toolchainVersion(),
        date: ISO8601DateFormatter().string(from: Date()), parameters: parameters,
        timings: timings))
  }
}

/// How long a timed computation took.
public struct Timing: Encodable, Sendable {
  /// What was computed.
  public let label: String
  /// Wall-clock seconds.
  public let seconds: Double
  /// The process's CPU seconds (user + system), which a loaded machine does not inflate.
  public let cpuSeconds: Double
}

/// The CPU time (user + system) the process has used, in seconds.
func processCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The first line of `swift --version`, the toolchain the experiment was built with (as `swift
/// run` found it on the path), or "unknown".
///
/// The driver leaves a folder in the temporary folder on every call: it gets one of its own,
/// removed after, so that no run leaves anything behind.
func toolchainVersion() -> String {
  let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("experiment-swift-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["swift", "--version"]
  process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": scratch.path]) {
    $1
  }
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  guard (try? process.run()) != nil else { return "unknown" }
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init)
    ?? "unknown"
}
