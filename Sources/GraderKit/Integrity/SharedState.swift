import Foundation

/// What in a learner's files could keep state from one call to the next: with it, one
/// exercise's tests could change another's result when they share a test process
/// (`SuiteRunner.gradeTogether`).
///
/// A cautious screen of the text, not a proof. In Swift 6 a global or static variable needs
/// `nonisolated(unsafe)` or a global actor; other state that outlives a call is reached through
/// a lock or atomic, an actor, threads and tasks left running, unsafe pointers, the C library's
/// random, locale and rounding state, or Foundation's shared stores, each by a name listed here.
/// Any of them, even in a comment, and every exercise gets processes of its own, as
/// `swift run grade` gives them. (`--strict` already refuses files, processes, the environment,
/// signals and dynamic loading.)
enum SharedState {
  /// The names, as whole words.
  static let names = [
    "nonisolated", "unchecked", "actor", "MainActor", "globalActor", "Mutex", "Atomic",
    "Thread", "Task", "TaskLocal", "unsafe", "Unmanaged", "_silgen_name", "_cdecl",
    "srand", "rand", "srandom", "initstate", "setstate", "setlocale", "uselocale",
    "fesetround", "fesetenv", "feholdexcept", "feupdateenv", "UserDefaults",
    "NotificationCenter", "NSCache", "OperationQueue",
  ]

  /// Names matched by a pattern: unsafe pointers and buffers, Dispatch, POSIX threads, the
  /// `rand48` family and the C library's `random()`.
  private static let patterns = [
    #"Unsafe\w*"#, #"Dispatch\w*"#, #"pthread\w*"#, #"\w*rand48"#, #"random\s*\(\s*\)"#,
  ]

  private static let expression = try! NSRegularExpression(
    pattern: #"\b("#
      + (names.map(NSRegularExpression.escapedPattern) + patterns)
      .joined(separator: "|") + #")(?!\w)"#)

  /// The names `files` use, each once, in the order first found; an unreadable file counts as
  /// one that uses some.
  static func names(in files: [URL]) -> [String] {
    var found: [String] = []
    for file in files {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else {
        return found + ["(\(file.lastPathComponent) could not be read)"]
      }
      let range = NSRange(text.startIndex..., in: text)
      for match in expression.matches(in: text, range: range) {
        guard let name = Range(match.range, in: text).map({ String(text[$0]) }),
          !found.contains(name)
        else { continue }
        found.append(name)
      }
    }
    return found
  }
}
