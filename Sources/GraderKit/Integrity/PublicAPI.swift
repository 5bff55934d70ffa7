import Foundation
import Synchronization

/// `grade --strict`: a submission's public API must be the reference's.
///
/// A public declaration that only the learner's module has could shadow what the suites call (a
/// public `expectClose` that asserts nothing) or hide behind a name the suites resolve. The
/// symbol graphs of both modules (`swift-symbolgraph-extract`, with the toolchain) list every
/// public declaration, extensions of other modules' types included; a symbol's identifier names
/// its module as `9Exercises` or `9Solutions`, two names of the same length, so the learner's
/// identifiers map onto the reference's by replacing one with the other.
public enum PublicAPI {
  /// A public declaration of the learner's module that the reference does not have.
  public struct Extra: Equatable, Sendable, CustomStringConvertible {
    public var kind: String
    public var name: String
    /// The declaring file and line, when the symbol graph knows them.
    public var location: String?

    public var description: String {
      "public \(kind) \(name)" + (location.map { " (\($0))" } ?? "")
    }
  }

  /// The learner's public declarations that the reference lacks.
  ///
  /// - Parameters:
  ///   - modules: the build's module folder (`<bin>/Modules`).
  ///   - triple: the target triple the modules were built for.
  ///   - extractor: `swift-symbolgraph-extract`.
  public static func extras(modules: URL, triple: String, extractor: URL) throws(GradeError)
    -> [Extra]
  {
    let learner = try symbols(
      of: "Exercises", modules: modules, triple: triple, extractor: extractor)
    let reference = try referenceIdentifiers(modules: modules, triple: triple, extractor: extractor)
    return learner.filter {
      !reference.contains($0.identifier.replacingOccurrences(of: "9Exercises", with: "9Solutions"))
    }
    .map { Extra(kind: $0.kind, name: $0.name, location: $0.location) }
    .sorted { ($0.location ?? "", $0.name) < ($1.location ?? "", $1.name) }
  }

  /// The reference's identifiers, kept while its module is unchanged: a batch grades many
  /// submissions against one reference, and extracting its graph takes about a second.
  private static let referenceCache = Mutex<(key: String, identifiers: Set<String>)?>(nil)

  private static func referenceIdentifiers(
    modules: URL, triple: String, extractor: URL
  ) throws(GradeError) -> Set<String> {
    let module = modules.appendingPathComponent("Solutions.swiftmodule").path
    let attributes = try? FileManager.default.attributesOfItem(atPath: module)
    let key =
      "\(module) \(attributes?[.size] ?? "-") "
      + "\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    if let cached = referenceCache.withLock({ $0 }), cached.key == key { return cached.identifiers }
    let identifiers = Set(
      try symbols(of: "Solutions", modules: modules, triple: triple, extractor: extractor)
        .map(\.identifier))
    referenceCache.withLock { $0 = (key, identifiers) }
    return identifiers
  }

  private struct Symbol {
    var identifier: String
    var kind: String
    var name: String
    var location: String?
  }

  private struct Graph: Decodable {
    struct Symbol: Decodable {
      struct Identifier: Decodable { var precise: String }
      struct Kind: Decodable { var displayName: String }
      struct Location: Decodable {
        struct Position: Decodable { var line: Int }
        var uri: String
        var position: Position
      }
      var identifier: Identifier
      var kind: Kind
      var pathComponents: [String]
      var accessLevel: String
      var location: Location?
    }
    var symbols: [Symbol]
  }

  /// The public symbols of `module`, from every graph file it writes (`M.symbols.json` and one
  /// `M@Other.symbols.json` per module whose types it extends).
  private static func symbols(
    of module: String, modules: URL, triple: String, extractor: URL
  ) throws(GradeError) -> [Symbol] {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "grade-symbols-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    var arguments = [
      "-module-name", module, "-I", modules.path, "-target", triple,
      "-minimum-access-level", "public", "-output-dir", output.path,
    ]
    #if canImport(Darwin)
      if let sdk = ProcessInfo.processInfo.environment["SDKROOT"] { arguments += ["-sdk", sdk] }
    #endif
    let command = ([extractor.path] + arguments).joined(separator: " ")
    do {
      let run = try ChildProcess(
        executable: extractor, arguments: arguments,
        environment: ProcessInfo.processInfo.environment
      ).run(timeLimit: 120)
      guard run.termination == .exited(0) else {
        throw GradeError.toolFailed(command: command, output: run.output)
      }
    } catch let error as GradeError {
      throw error
    } catch {
      throw .toolFailed(command: command, output: "\(error)")
    }
    let files =
      (try? FileManager.default.contentsOfDirectory(atPath: output.path))?
      .filter { $0.hasPrefix(module) && $0.hasSuffix(".symbols.json") } ?? []
    var symbols: [Symbol] = []
    for file in files {
      guard
        let data = FileManager.default.contents(atPath: output.appendingPathComponent(file).path),
        let graph = try? JSONDecoder().decode(Graph.self, from: data)
      else { throw .toolFailed(command: command, output: "\(file) is not a symbol graph") }
      symbols += graph.symbols.filter { $0.accessLevel == "public" || $0.accessLevel == "open" }
        .map {
          Symbol(
            identifier: $0.identifier.precise, kind: $0.kind.displayName.lowercased(),
            name: $0.pathComponents.joined(separator: "."),
            location: $0.location.map {
              "\(URL(string: $0.uri)?.path ?? $0.uri):\($0.position.line + 1)"
            })
        }
    }
    return symbols
  }

  /// `swift-symbolgraph-extract`, which ships with the toolchain.
  static func extractor() -> URL? { executableOnPath(named: "swift-symbolgraph-extract") }
}
