import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C, and the other signals that end `grade`, passed on to the programs it started.
///
/// The terminal sends Ctrl-C to its foreground process group, the grader's. The grader's programs
/// are in groups of their own, which it does not reach: each test process in a session of its
/// own (`ChildProcess`), each build (`swift build`, the quick compile and link) in the group that
/// Foundation's `Process` gives it. So the grader passes the signal on: it kills the test
/// processes and interrupts the builds, then ends as the signal ends a program. Otherwise a test
/// process stuck in a learner's endless loop would outlive the grader, and a build would run on.
/// Under `--watch`, Ctrl-C stops watching instead (`whileWatching`).
public enum Interrupts {
  /// The signals passed on: Ctrl-C, `kill`, and the terminal closing.
  private static let signals = [SIGINT, SIGTERM, SIGHUP]
  /// The signals whose action the grader changes: those passed on, and a closed output's.
  static let redirected = signals + [SIGPIPE]
  /// The handlers, once installed.
  private static let sources = Mutex<[any DispatchSourceSignal]>([])
  /// What Ctrl-C does instead of ending the grader, while `--watch` runs.
  private static let instead = Mutex<(@Sendable () -> Void)?>(nil)
  /// The builds running now, by process id (each its own group's leader).
  private static let builds = Mutex(Set<pid_t>())
  /// Whether Ctrl-C came: under `--watch`, no build runs after it.
  private static let stopping = Mutex(false)

  /// Whether Ctrl-C came (`run(build:)` starts no build then).
  static var isStopping: Bool { stopping.withLock { $0 } }

  /// Installs the handlers, once: the `grade` executable does before it runs, and `--watch`.
  ///
  /// A closed output (`swift run grade 2>&1 | head`) does not end the grader either: a write to
  /// it would, with its test processes still running and their folders left behind. The write
  /// fails instead, and grading ends as usual.
  public static func passOn() {
    sources.withLock { sources in
      guard sources.isEmpty else { return }
      signal(SIGPIPE, SIG_IGN)
      for number in signals {
        // The dispatch source takes the signal instead of its default action.
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { handle(number) }
        source.resume()
        sources.append(source)
      }
    }
  }

  /// Runs `body` with Ctrl-C calling `stop` rather than ending the grader (`--watch`).
  static func whileWatching<T>(stop: @escaping @Sendable () -> Void, _ body: () -> T) -> T {
    passOn()
    instead.withLock { $0 = stop }
    defer { instead.withLock { $0 = nil } }
    return body()
  }

  /// Runs `body` (which reads the output of `process`, a build just started, and waits for it)
  /// with the build interrupted when the grader is.
  static func tracking<T>(build process: Process, _ body: () throws -> T) rethrows -> T {
    let pid = process.processIdentifier
    builds.withLock { _ = $0.insert(pid) }
    defer { builds.withLock { _ = $0.remove(pid) } }
    // Ctrl-C between the start and now found no build to pass itself on to.
    if isStopping { interrupt(build: pid) }
    return try body()
  }

  /// Passes signal `number` on; then ends the grader with it, or stops watching.
  private static func handle(_ number: Int32) {
    stopping.withLock { $0 = true }
    ChildProcess.stopAll()
    // SwiftPM lets a Ctrl-C that comes while it starts up go by: passed on again until the
    // builds end, for two seconds at most, then they are killed.
    let deadline = Date().addingTimeInterval(2)
    while case let running = builds.withLock({ $0 }), !running.isEmpty {
      guard Date() < deadline else {
        for build in running { kill(-build, SIGKILL) }
        break
      }
      for build in running { interrupt(build: build) }
      Thread.sleep(forTimeInterval: 0.1)
    }
    if number == SIGINT, let stop = instead.withLock({ $0 }) {
      stop()
      return
    }
    // To the process, not this thread, which blocks signals as dispatch's threads do.
    signal(number, SIG_DFL)
    kill(getpid(), number)
  }

  /// Sends Ctrl-C to build `pid`, its group, and its descendants: the compile jobs, which SwiftPM
  /// starts in groups of their own and would stop only after a grace period.
  private static func interrupt(build pid: pid_t) {
    if kill(-pid, SIGINT) != 0 { kill(pid, SIGINT) }
    var parents = [pid]
    while let parent = parents.popLast() {
      for child in Escapees.childProcesses(of: parent) {
        kill(child.pid, SIGINT)
        parents.append(child.pid)
      }
    }
  }
}
