import Foundation

/// `grade --strict`: refuses learner code whose compiled objects call what no exercise needs and
/// what forging a result takes: files, processes, the environment, signals and dynamic loading.
///
/// Learner code runs in the test process, which writes the results; code that could open the
/// event stream, end the process, start or kill processes, read the command line or load code
/// could forge them or stop the grader. The undefined symbols of the learner's object files list
/// every function the code calls outside itself, however it was written (`@_silgen_name` and
/// `dlsym` included), so this check does not depend on reading Swift.
public enum ForbiddenCalls {
  /// C functions, by exact name.
  static let cFunctions: Set<String> = [
    "open", "open64", "openat", "openat64", "creat", "creat64", "fopen", "fopen64", "freopen",
    "fdopen", "write", "pwrite", "pwrite64", "writev", "fwrite", "fputs", "fputc", "putc",
    "fprintf", "vfprintf", "dprintf", "vdprintf", "unlink", "unlinkat", "remove", "rename",
    "renameat", "truncate", "ftruncate", "mkdir", "rmdir", "link", "symlink", "chmod", "chdir",
    "dup", "dup2", "dup3", "fcntl", "ioctl", "exit", "_exit", "_Exit", "quick_exit", "atexit",
    "on_exit", "kill", "killpg", "raise", "tgkill", "fork", "vfork", "clone", "execv", "execve",
    "execvp", "execvpe", "execl", "execle", "execlp", "fexecve", "posix_spawn", "posix_spawnp",
    "system", "popen", "setsid", "setpgid", "setpgrp", "ptrace", "prctl", "signal", "sigaction",
    "dlopen", "dlmopen", "dlsym", "dlvsym", "syscall", "getenv", "secure_getenv", "setenv",
    "putenv", "unsetenv", "clearenv", "socket", "connect", "mmap", "mmap64", "mprotect",
    "getppid",
  ]

  /// Swift symbols, by mangled prefix: Foundation's files, processes and environment, the
  /// command line, and writing data or strings to files.
  static let swiftPrefixes = [
    "$s10Foundation11FileManagerC", "$s10Foundation10FileHandleC", "$s10Foundation7ProcessC",
    "$s10Foundation11ProcessInfoC", "$s10Foundation12OutputStreamC", "$s10Foundation4DataV5write",
    "$sSS10FoundationE5write", "$sSy10FoundationE5write", "$s10Foundation8NSStringC5write",
    "$s10Foundation6NSDataC5write", "$s10Foundation6ThreadC", "$ss11CommandLineO",
    "$s10Foundation5NSURLC", "$s10Foundation6BundleC",
  ]

  /// Whether a symbol is one the learner's code may not use.
  static func isForbidden(_ symbol: String) -> Bool {
    cFunctions.contains(symbol) || swiftPrefixes.contains { symbol.hasPrefix($0) }
  }

  /// The forbidden symbols each object file uses, keyed by the object's source file name.
  ///
  /// One `nm` lists every object (a process per object file cost a class's batch 40 of them per
  /// submission); it heads each object's symbols with a line `<path>:`.
  ///
  /// - Parameters:
  ///   - objects: the learner module's object files (`<bin>/Exercises.build/*.o`).
  ///   - nm: an `nm` that prints undefined symbols with `-u` (the toolchain's `llvm-nm`).
  public static func violations(in objects: [URL], nm: URL) throws(GradeError) -> [String: [String]]
  {
    guard !objects.isEmpty else { return [:] }
    let arguments = ["-u", "--just-symbol-name"] + objects.map(\.path)
    let command = ([nm.path] + arguments).joined(separator: " ")
    let limit = 64 * 1024 * 1024
    let listing: ChildProcess.Outcome
    do {
      listing = try ChildProcess(
        executable: nm, arguments: arguments, environment: ProcessInfo.processInfo.environment,
        outputLimit: limit
      ).run(timeLimit: 120)
    } catch {
      throw .toolFailed(command: command, output: "\(error)")
    }
    guard listing.termination == .exited(0), listing.output.utf8.count < limit else {
      throw .toolFailed(command: command, output: String(listing.output.suffix(4000)))
    }
    let headers = Dictionary(uniqueKeysWithValues: objects.map { ($0.path + ":", $0) })
    var current = objects.count == 1 ? objects[0] : nil
    var found: [String: Set<String>] = [:]
    for line in listing.output.split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      if let object = headers[text] {
        current = object
        continue
      }
      let symbol = String(text.split(separator: "@").first ?? "")
      guard let current, isForbidden(symbol) else { continue }
      found[current.deletingPathExtension().lastPathComponent, default: []].insert(symbol)
    }
    return found.mapValues { $0.sorted() }
  }

  /// The toolchain's `llvm-nm`, else the system's `nm`.
  static func nm() -> URL? { executableOnPath(named: "llvm-nm") ?? executableOnPath(named: "nm") }
}
