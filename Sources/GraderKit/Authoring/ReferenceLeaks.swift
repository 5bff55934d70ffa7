import Foundation

/// A line of a reference solution's marked block that a file of the student release repeats.
public struct ReferenceLeak: Equatable, Sendable, CustomStringConvertible {
  /// The shipped file, relative to the package root (and to the release).
  public let file: String
  /// The 1-based line of `file` that repeats the reference.
  public let line: Int
  /// The reference file (`Solutions/…`) whose marked block holds the line.
  public let reference: String
  /// The 1-based line of `reference` that is repeated.
  public let referenceLine: Int
  /// The repeated line, whitespace-trimmed.
  public let text: String

  public var description: String {
    "\(file):\(line) repeats \(reference):\(referenceLine): \(text)"
  }
}

/// Finds the lines of the reference solutions that a student release would ship.
///
/// Leaving `Solutions/` out of the release is not enough when a shipped file (a suite, an
/// experiment, the shared library, a stub) repeats a line of a reference's marked block, between
/// `// BEGIN SOLUTION` and `// END SOLUTION`: a suite that computes its expected value the way
/// the reference does hands the learner the answer. `Release.write` calls
/// ``check(packageRoot:shipped:)`` before it writes anything. Lines are compared whitespace-trimmed,
/// and only the lines that are not trivial (``isTrivial(_:)``).
enum ReferenceLeaks {
  /// The fewest non-space characters a line needs to give anything away: 22.
  ///
  /// Chosen on this workbook, whose shipped files repeat many short lines of the references
  /// that are the idiom of any Swift code, not an answer: loop and closure headers
  /// (`for i in x.indices {`, 16 characters; `methods.map { method in`, 20), accumulators
  /// (`var total = 0.0`, 12; `var losses: [Double] = []`, 21), one-call bindings
  /// (`let g = gradF(x)`, 13) and the grader's own `do {`, `} catch {` and `return true`, by the
  /// dozen. A line that short holds at most one step of an update (`alpha *= rho`), which the
  /// exercise's doc comment states already. The shortest line of a reference that a shipped
  /// file did repeat as part of a solution's computation, `let length = norm(update)` (ExN9's
  /// suite), has 22.
  static let minimumLength = 22

  /// The keyword lines that are structure alone, whatever their length.
  static let structural: Set<String> = [
    "return", "break", "continue", "fallthrough", "else {", "} else {", "do {", "} catch {",
    "default:", "defer {",
  ]

  /// Whether a whitespace-trimmed line of a reference is too plain to give anything away.
  ///
  /// This is the one definition of "trivial": an empty line; a comment (`//`, `///`, `/*`); a
  /// line of braces, brackets, parentheses, commas and semicolons alone (`}`, `})`, `]),`); a
  /// keyword line of ``structural`` (`return`, `break`, `continue`, `} else {`, …); or a line of
  /// fewer than ``minimumLength`` non-space characters.
  static func isTrivial(_ line: String) -> Bool {
    if line.hasPrefix("//") || line.hasPrefix("/*") || structural.contains(line) { return true }
    if line.allSatisfy({ "{}[](),;".contains($0) || $0.isWhitespace }) { return true }
    return line.count(where: { !$0.isWhitespace }) < minimumLength
  }

  /// A reference file (`Solutions/…`) and a 1-based line of it.
  typealias Origin = (file: String, line: Int)

  /// The lines of the marked blocks of every reference file under `Solutions/` that are not
  /// trivial, whitespace-trimmed, each with the first reference file and line that holds it
  /// (reference files in sorted order).
  static func referenceLines(packageRoot: URL) throws(GradeError) -> [String: Origin] {
    var lines: [String: Origin] = [:]
    for file in referenceFiles(under: Release.solutionsFolder, in: packageRoot) {
      let url = packageRoot.appendingPathComponent(file)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw .fileSystem(path: file, reason: "cannot be read")
      }
      var inBlock = false
      for (index, line) in trimmedLines(String(decoding: data, as: UTF8.self)).enumerated() {
        if line.hasPrefix(StubGenerator.begin) {
          inBlock = true
        } else if line == StubGenerator.end {
          inBlock = false
        } else if inBlock, !isTrivial(line), lines[line] == nil {
          lines[line] = (file: file, line: index + 1)
        }
      }
    }
    return lines
  }

  /// The lines of the files in `shipped` (a path in the release and its text) that repeat a line
  /// of `references` (as ``referenceLines(packageRoot:)`` gives them), in the order of `shipped`.
  static func leaks(
    in shipped: [(path: String, text: String)], references: [String: Origin]
  ) -> [ReferenceLeak] {
    shipped.flatMap { path, text in
      trimmedLines(text).enumerated().compactMap { index, line in
        references[line].map {
          ReferenceLeak(
            file: path, line: index + 1, reference: $0.file, referenceLine: $0.line, text: line)
        }
      }
    }
  }

  /// Throws `GradeError.referenceLeaks` with every line of `shipped` (the files the release of
  /// the workbook at `packageRoot` would hold: a path in the release and its text) that repeats
  /// a line of a reference solution's marked block.
  static func check(packageRoot: URL, shipped: [(path: String, text: String)]) throws(GradeError) {
    let found = leaks(in: shipped, references: try referenceLines(packageRoot: packageRoot))
    if !found.isEmpty { throw .referenceLeaks(found) }
  }

  /// The lines of `text`, each without its leading and trailing whitespace.
  private static func trimmedLines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }
}
