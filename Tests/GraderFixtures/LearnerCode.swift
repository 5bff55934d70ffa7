import Foundation
import Workbook

// What a learner's file might hold: a correct function, a wrong one, one that traps, one that
// never returns, one that ends the process, one that prints junk, and an untouched stub.

/// Correct: x after `steps` steps of gradient descent on x² (the factor 1 − 2η each step).
func fixtureDescent(x0: Double, eta: Double, steps: Int) -> Double {
  (0..<steps).reduce(x0) { x, _ in x - eta * 2 * x }
}

/// Wrong: forgets the factor 2 of the derivative.
func fixtureDescentWrong(x0: Double, eta: Double, steps: Int) -> Double {
  (0..<steps).reduce(x0) { x, _ in x - eta * x }
}

/// Traps: reads one element past the end.
func fixtureTrap(_ values: [Double]) -> Double {
  values.indices.map { values[$0 + 1] }.reduce(0, +)
}

/// Never returns: a CPU-bound loop that no task cancellation can stop.
func fixtureHang() -> Double {
  var x = 1.0
  while x > 0 { x = x * 1.0000001 + 1 }
  return x
}

/// Ends the whole process in the middle of a test, as `exit(0)` in learner code would.
func fixtureExit() -> Double {
  exit(0)
}

/// Prints lines that look like test results and event records, then answers correctly.
func fixtureJunk() -> Double {
  print("✔ Test run with 99 tests passed after 0.001 seconds.")
  print(#"{"kind":"event","payload":{"kind":"runEnded","messages":[]},"version":0}"#)
  FileHandle.standardError.write(Data("Fatal error: not really\n".utf8))
  return 0.5
}

/// An untouched stub.
func fixtureStub(x0: Double) -> Double {
  unimplemented()
}

/// Prints 16 MB, then traps: the grader must keep only the tail, which holds the trap's message.
func fixtureFlood() -> Double {
  let line = String(repeating: "x", count: 1023) + "\n"
  for _ in 0..<(16 * 1024) { FileHandle.standardOutput.write(Data(line.utf8)) }
  fatalError("the flood is over")
}

/// Starts a process that outlives this one unless the grader ends it.
func fixtureOrphan() -> Double {
  let sleeper = Process()
  sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
  sleeper.arguments = [orphanSleepSeconds]
  try? sleeper.run()
  return 1
}

/// The orphan's argument, unusual enough for the grader's tests to find it among all processes.
let orphanSleepSeconds = "31.4159"

/// Starts a process in a session of its own (`setsid`), out of reach of the session's kill.
func fixtureEscape() -> Double {
  let escapee = Process()
  escapee.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
  // --fork: setsid starts the sleep as a child of its own and returns at once. Foundation's
  // `waitUntilExit` may wait for the sleep too (it holds what Foundation watches), so this waits
  // a moment for setsid to have done its work instead.
  escapee.arguments = ["--fork", "/bin/sleep", escapeSleepSeconds]
  try? escapee.run()
  Thread.sleep(forTimeInterval: 0.5)
  return 1
}

/// The escapee's argument, for the grader's tests to look for.
let escapeSleepSeconds = "27.1828"

/// Traps with a message that tries to move the cursor up and paint a PASS over the FAIL row.
func fixturePaint() -> Double {
  fatalError("\u{1B}[1A\r\u{1B}[2Kpaint  ★  Paint  PASS  5/5\u{1B}]0;title\u{07}")
}

/// Asks for far more memory than any machine has: the runtime traps with "failed to allocate".
func fixtureHugeAllocation() -> Double {
  [Double](repeating: 1, count: 1 << 50).reduce(0, +)
}

/// Appends records to the event stream that claim the part with the test id `id` passed and the
/// run ended, then ends the process: a forgery that skips `testStarted`. (The stream is a pipe:
/// what was written cannot be read back, but an id is easy to guess.)
func fixtureForge(claiming id: String) -> Double {
  let arguments = CommandLine.arguments
  guard let flag = arguments.firstIndex(of: "--event-stream-output-path"),
    let stream = FileHandle(forWritingAtPath: arguments[flag + 1])
  else { return 0 }
  let forged = """
    {"kind":"event","payload":{"kind":"testEnded","messages":[],"testID":"\(id)"},"version":0}
    {"kind":"event","payload":{"kind":"runEnded","messages":[]},"version":0}

    """
  stream.write(Data(forged.utf8))
  exit(0)
}

/// State kept from one call to the next: how many times it was called in this process.
nonisolated(unsafe) private var calls = 0

/// Counts its calls in this process: 1 in a process of its own.
func fixtureCountCall() -> Int {
  calls += 1
  return calls
}

/// The workbook this fixture is compiled in: the instructor's checkout, from this file's path.
private let instructorsWorkbook = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Reads the instructor's catalog, as code walking up from `#filePath` would read `Solutions/`:
/// whether it could.
func fixtureReadsInstructorsFiles() -> Bool {
  FileManager.default.contents(
    atPath: instructorsWorkbook.appendingPathComponent("grader.json").path) != nil
}

/// Writes a file into the instructor's build folder and one into the home folder: whether
/// either could be written (each is removed again).
func fixtureWritesOutsideItsFolder() -> Bool {
  let home = FileManager.default.homeDirectoryForCurrentUser
  return [instructorsWorkbook.appendingPathComponent(".build"), home].contains { folder in
    let file = folder.appendingPathComponent("grade-sandbox-probe-\(getpid())")
    defer { try? FileManager.default.removeItem(at: file) }
    return FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8))
  }
}

/// Looks for processes other than itself and its parent (the grader's, in the sandbox its
/// namespace's first process) in `/proc`: whether it found one it could signal (signal 0 only
/// asks).
func fixtureReachesOtherProcesses() -> Bool {
  let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
  return entries.compactMap { pid_t($0) }.contains { pid in
    pid != getpid() && pid != getppid() && kill(pid, 0) == 0
  }
}

/// Opens a TCP server on the loopback and connects to it: whether that worked (it does wherever
/// there is a network, even with no other host).
func fixtureHasANetwork() -> Bool {
  let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer {
    close(server)
    close(client)
  }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let listening = withUnsafeMutablePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(server, $0, length) == 0 && listen(server, 1) == 0
        && getsockname(server, $0, &length) == 0
    }
  }
  guard listening else { return false }
  return withUnsafePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) == 0 }
  }
}
