import Foundation

/// One compiler error: where it is, what it says, and the source excerpt the compiler showed.
public struct Diagnostic: Codable, Equatable, Sendable {
  /// The file, relative to the package root when it is inside it.
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String
  /// The compiler's excerpt under the error line (source lines and the marker).
  public var excerpt: [String]

  public init(file: String, line: Int, column: Int, message: String, excerpt: [String] = []) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.excerpt = excerpt
  }

  /// As the compiler printed it: `file:line:col: error: message`, then the excerpt.
  public var text: String {
    (["\(file):\(line):\(column): error: \(message)"] + excerpt).joined(separator: "\n")
  }

  /// The error diagnostics in a build log, each with its excerpt, without repeats.
  ///
  /// Paths inside `root` are made relative to it. Warnings, notes and progress lines are dropped.
  public static func errors(in log: String, relativeTo root: String) -> [Diagnostic] {
    var errors: [Diagnostic] = []
    var current: Diagnostic?
    for line in log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if let header = parseHeader(line) {
        if let current { errors.append(current) }
        current = header.isError ? header.diagnostic.relative(to: root) : nil
      } else if current != nil, line.hasPrefix(" ") || line.hasPrefix("\t") || line.contains("|") {
        current?.excerpt.append(line)
      } else if let finished = current {
        errors.append(finished)
        current = nil
      }
    }
    if let current { errors.append(current) }
    var seen = Set<String>()
    return errors.filter { seen.insert($0.text).inserted }
  }

  /// A line `path:line:col: error|warning|note: message`, split into its fields.
  private static func parseHeader(_ line: String) -> (diagnostic: Diagnostic, isError: Bool)? {
    guard
      let match = line.range(
        of: #"^\S.*?:\d+:\d+: (error|warning|note): "#, options: .regularExpression)
    else { return nil }
    let head = line[match].dropLast(2)  // "path:line:col: kind"
    let fields = head.split(separator: ":", omittingEmptySubsequences: false)
    guard fields.count >= 4, let lineNumber = Int(fields[fields.count - 3]),
      let column = Int(fields[fields.count - 2])
    else { return nil }
    let file = fields.dropLast(3).joined(separator: ":")
    let kind = fields[fields.count - 1].trimmingCharacters(in: .whitespaces)
    return (
      Diagnostic(
        file: file, line: lineNumber, column: column, message: String(line[match.upperBound...])),
      kind == "error"
    )
  }

  private func relative(to root: String) -> Diagnostic {
    var copy = self
    if file.hasPrefix(root + "/") { copy.file = String(file.dropFirst(root.count + 1)) }
    return copy
  }
}
