import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program with a wall-clock limit, keeping only the tail of what it prints.
///
/// Learner code may loop forever, print without end or start processes of its own. The program
/// runs in a session of its own; every process of that session is killed with SIGKILL at the
/// limit (Swift Testing's own time limit cannot stop a CPU-bound loop) and again when the program
/// ends, so nothing it started outlives the run (Foundation's `Process` puts each child in a new
/// process group, but not in a new session). On Linux the grader is also a child subreaper: a
/// process that left the session (`setsid`) is adopted by the grader when its parent dies, and
/// killed then. Output goes through a pipe into a bounded buffer, not to disk. `posix_spawn` is
/// used because Foundation's `Process` cannot start a session.
struct ChildProcess {
  /// How a run ended.
  enum Termination: Equatable {
    case exited(Int32)
    case signaled(Int32)
    case timedOut
  }

  /// The outcome of a run: how it ended, the last bytes of its standard output and error, and
  /// what it wrote to its event stream (`eventStream`).
  struct Outcome {
    var termination: Termination
    var output: String
    var events = Data()
  }

  /// A failure to start the program.
  struct SpawnError: Error, CustomStringConvertible {
    var call: String
    var code: Int32

    var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
  }

  var executable: URL
  var arguments: [String]
  var environment: [String: String]
  /// Bytes of output kept (the most recent ones).
  var outputLimit = 64 * 1024
  /// Whether the program's descriptor 3 is a pipe that the grader drains as it is written: the
  /// event stream's channel (`/proc/self/fd/3`).
  ///
  /// A file would stay open to the program, which could rewrite what it had written, or leave it
  /// for a process that outlives it to edit.
  var eventStream = false
  /// Bytes of the event stream kept (the first ones): a run that writes more is cut there.
  static let eventStreamLimit = 64 * 1024 * 1024
  /// Seconds between two questions to a run's `stop`.
  static let watchInterval = 0.025

  /// Runs the program to completion or until `timeLimit` seconds have passed, or until `stop`,
  /// asked every `watchInterval` seconds while it runs with the event stream's bytes since it
  /// was last asked, says so (which counts as a time-out).
  func run(timeLimit: Double, stop: ((Data) -> Bool)? = nil) throws -> Outcome {
    let (readEnd, writeEnd) = try closeOnExecPipe()
    let events: (read: Int32, write: Int32)?
    do {
      events = eventStream ? try closeOnExecPipe() : nil
    } catch {
      close(readEnd)
      close(writeEnd)
      throw error
    }
    // A temporary folder of the run's own, removed when it ends, unless the caller named one:
    // what the program (SwiftPM, a compiler, learner code) leaves there goes with it.
    var environment = self.environment
    let temporaries =
      environment["TMPDIR"] != nil
      ? nil
      : FileManager.default.temporaryDirectory.appendingPathComponent(
        "grade-run-\(UUID().uuidString)")
    if let temporaries {
      try? FileManager.default.createDirectory(at: temporaries, withIntermediateDirectories: true)
      environment["TMPDIR"] = temporaries.path
      liveTemporaries.withLock { _ = $0.insert(temporaries) }
    }
    defer {
      if let temporaries {
        try? FileManager.default.removeItem(at: temporaries)
        liveTemporaries.withLock { _ = $0.remove(temporaries) }
      }
    }
    let pid: pid_t
    do {
      pid = try spawn(
        stdoutAndStderr: writeEnd, events: events?.write, closing: readEnd,
        environment: environment)
    } catch {
      for fd in [readEnd, writeEnd, events?.read, events?.write].compactMap({ $0 }) { close(fd) }
      throw error
    }
    close(writeEnd)
    if let events { close(events.write) }
    let tail = OutputTail(limit: outputLimit)
    let reader = tail.drain(readEnd)
    let stream = EventBuffer(limit: Self.eventStreamLimit)
    let streamReader = events.map { stream.drain($0.read) }

    let status = Mutex<Int32>(0)
    let finished = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      var raw: Int32 = 0
      while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
      status.withLock { $0 = raw }
      finished.signal()
    }
    let deadline = DispatchTime.now() + timeLimit
    var timedOut = false
    if let stop {
      while finished.wait(timeout: min(deadline, .now() + Self.watchInterval)) == .timedOut {
        if DispatchTime.now() >= deadline || stop(stream.takeNew()) {
          timedOut = true
          break
        }
      }
    } else {
      timedOut = finished.wait(timeout: deadline) == .timedOut
    }
    // The whole session goes: on a time-out the program itself, otherwise what it left running.
    killSession(pid)
    if timedOut { finished.wait() }
    liveSessions.withLock { _ = $0.remove(pid) }
    Escapees.killAdopted()
    // A process that left the group may still hold the pipe open; don't wait for it forever.
    _ = reader.wait(timeout: .now() + 2)
    _ = streamReader?.wait(timeout: .now() + 2)

    let raw = status.withLock { $0 }
    let termination: Termination =
      timedOut
      ? .timedOut
      : raw & 0x7f == 0 ? .exited((raw >> 8) & 0xff) : .signaled(raw & 0x7f)
    return Outcome(termination: termination, output: tail.text, events: stream.all)
  }

  /// Starts the program as the leader of a new session, with its standard output and error on
  /// `output`, its descriptor 3 on `events` if given, and its standard input on /dev/null.
  private func spawn(
    stdoutAndStderr output: Int32, events: Int32?, closing other: Int32,
    environment: [String: String]
  ) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // POSIX_SPAWN_SETSID: glibc 2.26 and later (a GNU extension that Swift does not import) and
    // macOS 10.15 and later.
    #if os(Linux)
      let setSession: Int16 = 0x80
    #else
      let setSession = Int16(POSIX_SPAWN_SETSID)
    #endif
    // The signals the grader takes or ignores (`Interrupts`) at their default actions again: the
    // program runs as it would from a shell.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in Interrupts.redirected { sigaddset(&defaults, number) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, setSession | Int16(POSIX_SPAWN_SETSIGDEF))

    Escapees.adoptOrphans()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, output, 1)
    posix_spawn_file_actions_adddup2(&actions, output, 2)
    // The pipes' descriptors are all above 3 (`closeOnExecPipe`), so no step undoes another.
    if let events {
      posix_spawn_file_actions_adddup2(&actions, events, 3)
      posix_spawn_file_actions_addclose(&actions, events)
    }
    posix_spawn_file_actions_addclose(&actions, output)
    posix_spawn_file_actions_addclose(&actions, other)

    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    // Under the lock, so that `Escapees` never sees this child before it is known as a leader.
    let code = spawnLock.withLock { _ in
      let code = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
      if code == 0 { liveSessions.withLock { _ = $0.insert(pid) } }
      return code
    }
    guard code == 0 else { throw SpawnError(call: "posix_spawn \(executable.path)", code: code) }
    return pid
  }
}

/// The sessions of the programs running now, and the temporary folders of their runs, for
/// `stopAll()`.
private let liveSessions = Mutex(Set<pid_t>())
private let liveTemporaries = Mutex(Set<URL>())

extension ChildProcess {
  /// Kills every program running now, with its session, and removes their temporary folders
  /// (on Ctrl-C, `Interrupts`: the grader may end before their runs do).
  static func stopAll() {
    for leader in liveSessions.withLock({ $0 }) { killSession(leader) }
    for folder in liveTemporaries.withLock({ $0 }) {
      try? FileManager.default.removeItem(at: folder)
    }
  }
}

/// Held while a pipe is made close-on-exec and while a child is spawned, so that no child
/// spawned by another thread inherits a pipe end in between (`pipe2` is not imported by Swift).
private let spawnLock = Mutex(())

/// A pipe whose two ends are closed in every program the grader starts (but where `posix_spawn`
/// duplicates one onto a child's output), so that exercises graded in parallel never hold each
/// other's pipes open.
///
/// Its descriptors are 10 or above, clear of those a child's are duplicated onto (0 to 3).
private func closeOnExecPipe() throws -> (read: Int32, write: Int32) {
  try spawnLock.withLock { _ in
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw ChildProcess.SpawnError(call: "pipe", code: errno) }
    let high = fds.map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
    for fd in fds { close(fd) }
    guard high.allSatisfy({ $0 >= 0 }) else {
      for fd in high where fd >= 0 { close(fd) }
      throw ChildProcess.SpawnError(call: "fcntl", code: errno)
    }
    return (high[0], high[1])
  }
}

/// Kills, with SIGKILL, every process of the session that `leader` started.
///
/// With `/proc` (Linux) every process of the session is found there; without it (macOS), the
/// leader's process group is killed, which is the session minus the groups its processes made.
/// A process that started a session of its own escapes this; leaving one takes intent.
private func killSession(_ leader: pid_t) {
  guard FileManager.default.fileExists(atPath: "/proc/self/stat") else {
    kill(-leader, SIGKILL)
    return
  }
  let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
  for entry in entries {
    guard let pid = pid_t(entry), let fields = statFields(of: entry) else { continue }
    if fields.count > 3, pid_t(fields[3]) == leader { kill(pid, SIGKILL) }
  }
}

/// The most recent bytes read from a file descriptor, up to a limit.
private final class OutputTail: Sendable {
  private let limit: Int
  private let bytes = Mutex([UInt8]())

  init(limit: Int) {
    self.limit = limit
  }

  /// Reads `descriptor` to its end on a background thread, then closes it; the semaphore is
  /// signalled at the end.
  func drain(_ descriptor: Int32) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread { [self] in
      var chunk = [UInt8](repeating: 0, count: 64 * 1024)
      while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { break }
        bytes.withLock { kept in
          kept.append(contentsOf: chunk[..<count])
          // Drop the oldest bytes in place, so the buffer never holds more than twice the limit.
          if kept.count > 2 * limit { kept.removeFirst(kept.count - limit) }
        }
      }
      close(descriptor)
      done.signal()
    }
    return done
  }

  var text: String {
    bytes.withLock { String(decoding: $0.suffix(limit), as: UTF8.self) }
  }
}

/// The first bytes read from a file descriptor, up to a limit, and which of them were read since
/// they were last taken.
private final class EventBuffer: Sendable {
  private let limit: Int
  private let state = Mutex((bytes: Data(), taken: 0))

  init(limit: Int) {
    self.limit = limit
  }

  /// Reads `descriptor` to its end on a background thread (dropping what is over the limit),
  /// then closes it; the semaphore is signalled at the end.
  func drain(_ descriptor: Int32) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread { [self] in
      var chunk = [UInt8](repeating: 0, count: 64 * 1024)
      while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { break }
        state.withLock { state in
          let room = max(0, limit - state.bytes.count)
          state.bytes.append(contentsOf: chunk[..<min(count, room)])
        }
      }
      close(descriptor)
      done.signal()
    }
    return done
  }

  /// Everything read.
  var all: Data { state.withLock { $0.bytes } }

  /// What was read since the last call.
  func takeNew() -> Data {
    state.withLock { state in
      defer { state.taken = state.bytes.count }
      return state.bytes.subdata(in: state.taken..<state.bytes.count)
    }
  }
}

/// Processes that left their exercise's session and were adopted by the grader (Linux).
///
/// A subreaper adopts every orphaned descendant, so a process that called `setsid` and whose
/// parent died ends up the grader's child, wherever it went. macOS has no subreapers: there such
/// a process outlives its exercise.
enum Escapees {
  #if os(Linux)
    @_silgen_name("prctl")
    private static func prctl(_ option: Int32, _ argument: UInt) -> Int32
    private static let setChildSubreaper: Int32 = 36  // PR_SET_CHILD_SUBREAPER

    /// Makes the grader adopt its orphaned descendants (done once, before the first spawn).
    private static let adopting: Bool = prctl(setChildSubreaper, 1) == 0
  #endif

  static func adoptOrphans() {
    #if os(Linux)
      _ = adopting
    #endif
  }

  /// Kills and reaps every adopted process.
  ///
  /// Those are the grader's children in neither the grader's own session (the processes it
  /// started with Foundation, such as `swift build`) nor a running program's session (which that
  /// program's end kills). Killing one may orphan its own children, so it looks again until none
  /// is left.
  static func killAdopted() {
    #if os(Linux)
      let me = getpid()
      let mySession = getsid(0)
      for _ in 0..<50 {
        // Under the spawn lock: a program being started is not yet a known leader.
        let adopted = spawnLock.withLock { _ in
          let running = liveSessions.withLock { $0 }
          return childProcesses(of: me).filter {
            $0.session != mySession && !running.contains($0.session)
          }.map(\.pid)
        }
        if adopted.isEmpty { return }
        for pid in adopted {
          kill(pid, SIGKILL)
          var status: Int32 = 0
          while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
      }
    #endif
  }

  /// The processes whose parent is `parent`, with their sessions, from `/proc`.
  static func childProcesses(of parent: pid_t) -> [(pid: pid_t, session: pid_t)] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry in
      guard let pid = pid_t(entry), let fields = statFields(of: entry), fields.count > 3,
        pid_t(fields[1]) == parent, let session = pid_t(fields[3])
      else { return nil }
      return (pid, session)
    }
  }
}

/// The fields of `/proc/<pid>/stat` after the command name (state, ppid, pgrp, session and on).
func statFields(of entry: String) -> [Substring]? {
  guard let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat") else { return nil }
  // `pid (comm) state ppid pgrp session …`; comm may hold spaces and parentheses.
  let text = String(decoding: stat, as: UTF8.self)
  guard let close = text.lastIndex(of: ")") else { return nil }
  return text[text.index(after: close)...].split(separator: " ")
}
