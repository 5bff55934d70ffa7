import Foundation
import Synchronization

/// Runs a program with a wall-clock limit, keeping only the tail of what it prints.
///
/// Learner code may loop forever or print without end: the limit is enforced from outside with
/// SIGKILL (Swift Testing's own time limit cannot stop a CPU-bound loop), and output goes through
/// a pipe into a bounded buffer rather than to disk.
struct ChildProcess {
  /// How a run ended.
  enum Termination: Equatable {
    case exited(Int32)
    case signaled(Int32)
    case timedOut
  }

  /// The outcome of a run: how it ended and the last bytes of its standard output and error.
  struct Outcome {
    var termination: Termination
    var output: String
  }

  var executable: URL
  var arguments: [String]
  var environment: [String: String]
  /// Bytes of output kept (the most recent ones).
  var outputLimit = 64 * 1024

  /// Runs the program to completion or until `timeLimit` seconds have passed.
  func run(timeLimit: Double) throws -> Outcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    let tail = OutputTail(limit: outputLimit)
    try process.run()
    let reader = tail.drain(pipe.fileHandleForReading)

    var timedOut = false
    if finished.wait(timeout: .now() + timeLimit) == .timedOut {
      timedOut = true
      kill(process.processIdentifier, SIGKILL)
      finished.wait()
    }
    // A grandchild may still hold the pipe open; don't wait for it forever.
    _ = reader.wait(timeout: .now() + 2)
    let termination: Termination =
      timedOut
      ? .timedOut
      : process.terminationReason == .uncaughtSignal
        ? .signaled(process.terminationStatus) : .exited(process.terminationStatus)
    return Outcome(termination: termination, output: tail.text)
  }
}

/// The most recent bytes read from a file handle, up to a limit.
private final class OutputTail: Sendable {
  private let limit: Int
  private let bytes = Mutex(Data())

  init(limit: Int) {
    self.limit = limit
  }

  /// Reads `handle` to its end on a background thread; the semaphore is signalled at the end.
  func drain(_ handle: FileHandle) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread { [self] in
      while case let chunk = handle.availableData, !chunk.isEmpty {
        bytes.withLock { data in
          data.append(chunk)
          if data.count > 2 * limit { data = data.suffix(limit) }
        }
      }
      done.signal()
    }
    return done
  }

  var text: String {
    bytes.withLock { String(decoding: $0.suffix(limit), as: UTF8.self) }
  }
}
