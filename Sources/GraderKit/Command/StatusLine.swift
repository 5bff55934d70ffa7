import Foundation
import Synchronization

/// Progress on standard error: one line rewritten in place on a terminal, plain lines otherwise.
final class StatusLine: Sendable {
  private let live: Bool
  private let lastLength = Mutex(0)

  init(live: Bool) {
    self.live = live
  }

  /// A line that stays.
  func say(_ text: String) {
    done()
    printError(text)
  }

  /// A line that the next update replaces (on a terminal).
  func update(_ text: String) {
    guard live else { return printError("  " + text) }
    lastLength.withLock { length in
      let shown = String(text.prefix(100))
      writeError("\r\u{1B}[K  " + shown)
      length = shown.count
    }
  }

  /// Ends the line being rewritten.
  func done() {
    lastLength.withLock { length in
      if live && length > 0 { writeError("\r\u{1B}[K") }
      length = 0
    }
  }
}

func printError(_ text: String) {
  writeError(text + "\n")
}

/// Writes to standard error; a write that fails (its reader gone, `grade 2>&1 | head`) is
/// dropped, as `print`'s are, where `write(_:)` would trap.
private func writeError(_ text: String) {
  try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
}

func isTerminal(_ descriptor: Int32) -> Bool {
  isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}
