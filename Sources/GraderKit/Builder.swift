import Foundation

/// Builds the package's test bundle with `swift build --build-tests`, showing progress as it goes.
public struct Builder {
  /// The package to build.
  public var packageRoot: URL
  /// Receives one line per progress step (the build's `[n/m] …` lines).
  public var progress: (String) -> Void

  public init(packageRoot: URL, progress: @escaping (String) -> Void) {
    self.packageRoot = packageRoot
    self.progress = progress
  }

  /// Builds everything, including the tests, and returns the test bundle's path.
  ///
  /// - Throws: `GradeError.buildFailed` with the compiler's errors (file and line first) when the
  ///   code does not compile; `GradeError.toolFailed` when `swift` itself fails.
  public func buildTestBundle() throws(GradeError) -> URL {
    let log = try swift(["build", "--build-tests"], streaming: true)
    if log.status != 0 {
      let errors = Self.compilerErrors(in: log.output, relativeTo: packageRoot.path)
      if errors.isEmpty {
        throw .toolFailed(
          command: "swift build --build-tests", output: String(log.output.suffix(4000)))
      }
      throw .buildFailed(errors: errors)
    }
    return try testBundlePath()
  }

  /// The test bundle's path, as the last `swift build --build-tests` left it.
  public func testBundlePath() throws(GradeError) -> URL {
    let binPath = try swift(["build", "--build-tests", "--show-bin-path"], streaming: false)
    let directory = URL(
      fileURLWithPath: binPath.output.trimmingCharacters(in: .whitespacesAndNewlines))
    let bundles =
      (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
      .filter { $0.hasSuffix("PackageTests.xctest") } ?? []
    guard let bundle = bundles.first else {
      throw .toolFailed(
        command: "swift build --build-tests", output: "no test bundle in \(directory.path)")
    }
    return directory.appendingPathComponent(bundle)
  }

  /// The compiler's error diagnostics, each with its source excerpt, paths relative to the package.
  static func compilerErrors(in log: String, relativeTo root: String) -> [String] {
    var errors: [String] = []
    var current: [String]?
    for line in log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if isDiagnostic(line) {
        if let current { errors.append(current.joined(separator: "\n")) }
        current = line.contains(": error: ") ? [shorten(line, root: root)] : nil
      } else if current != nil, line.hasPrefix(" ") || line.hasPrefix("\t") || line.contains("|") {
        current?.append(line)
      } else if let finished = current {
        errors.append(finished.joined(separator: "\n"))
        current = nil
      }
    }
    if let current { errors.append(current.joined(separator: "\n")) }
    var seen = Set<String>()
    return errors.filter { seen.insert($0).inserted }
  }

  /// Whether `line` starts a diagnostic, `path:line:col: error: …` (or warning, note).
  private static func isDiagnostic(_ line: String) -> Bool {
    line.range(of: #"^\S.*:\d+:\d+: (error|warning|note): "#, options: .regularExpression) != nil
  }

  private static func shorten(_ line: String, root: String) -> String {
    line.hasPrefix(root + "/") ? String(line.dropFirst(root.count + 1)) : line
  }

  /// Runs `swift` with `arguments` in the package, collecting its output; progress lines are
  /// passed on while it runs when `streaming`.
  private func swift(_ arguments: [String], streaming: Bool) throws(GradeError) -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swift"] + arguments
    process.currentDirectoryURL = packageRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .toolFailed(command: "swift " + arguments.joined(separator: " "), output: "\(error)")
    }
    var output = Data()
    var pending = Data()
    let handle = pipe.fileHandleForReading
    while case let chunk = handle.availableData, !chunk.isEmpty {
      output.append(chunk)
      guard streaming else { continue }
      pending.append(chunk)
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[..<newline], as: UTF8.self)
        pending.removeSubrange(...newline)
        if line.hasPrefix("[") || line.hasPrefix("Building") || line.hasPrefix("Build complete") {
          progress(line)
        }
      }
    }
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}
