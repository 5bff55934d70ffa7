import Foundation

/// The commands of SwiftPM's last debug build, read from its build manifest (`.build/debug.yaml`).
///
/// `grade --batch` repeats two of them outside SwiftPM (see `Relinker`): the compilation of the
/// learner's module and the link of the test bundle, with SwiftPM's own flags. Each command's
/// `inputs` and `args` are written on one line as JSON arrays, which is all this reads.
struct BuildManifest {
  /// One command: the files it reads and the program and arguments it runs.
  struct Command {
    var inputs: [String] = []
    var arguments: [String] = []
  }

  /// The commands by name (`C.<Module>-<triple>-debug.module`, `….test` for the test bundle).
  var commands: [String: Command]

  /// The manifest of the package's debug build, or nil when there is none to read.
  init?(packageRoot: URL) {
    guard
      let text = try? String(
        contentsOf: packageRoot.appendingPathComponent(".build/debug.yaml"), encoding: .utf8)
    else { return nil }
    var commands: [String: Command] = [:]
    var current: String?
    for line in text.split(separator: "\n") {
      if line.hasPrefix("  \""), line.hasSuffix("\":") {
        current = String(line.dropFirst(3).dropLast(2))
        continue
      }
      guard let name = current else { continue }
      let field = line.trimmingCharacters(in: .whitespaces)
      if field.hasPrefix("inputs: ") {
        commands[name, default: Command()].inputs = Self.strings(field.dropFirst(8))
      } else if field.hasPrefix("args: ") {
        commands[name, default: Command()].arguments = Self.strings(field.dropFirst(6))
      }
    }
    self.commands = commands
  }

  /// The command that compiles `module`.
  func compilation(of module: String) -> Command? {
    commands.first { $0.key.hasPrefix("C.\(module)-") && $0.key.hasSuffix("-debug.module") }?.value
  }

  /// The command that links the test bundle.
  var testLink: Command? {
    commands.first { $0.key.hasPrefix("C.") && $0.key.hasSuffix("-debug.test") }?.value
  }

  /// The modules `module` is compiled against, directly or through others, itself included.
  func modules(reachableFrom module: String) -> Set<String> {
    var found: Set<String> = [module]
    var pending = [module]
    while let next = pending.popLast() {
      for input in compilation(of: next)?.inputs ?? [] where input.hasSuffix(".swiftmodule") {
        let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        if found.insert(name).inserted { pending.append(name) }
      }
    }
    return found
  }

  private static func strings(_ json: Substring) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
  }
}
