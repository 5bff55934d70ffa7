import Foundation
import Synchronization

/// Where the test processes of code graded strictly run (Linux): `grade-sandbox`, a program of
/// the package's own (`Sources/grade-sandbox`).
///
/// It starts the test bundle in new user, mount, PID, network and IPC namespaces, in a fresh
/// root that holds the system's programs and libraries, the toolchain, a few device nodes, a
/// private `/tmp` and, read-only, the paths `visible` names (the workbook's data, and the bundle
/// when a crash is run again to be symbolicated). The instructor's workbook (`Solutions/`,
/// `Tests/Hidden`, the catalog), the grader's folders, `--out`, other submissions and every
/// other process are out of its sight, it has no network, and it keeps no capability to change
/// any of that. Where the machine allows no unprivileged user namespaces (Docker's default
/// seccomp profile, a kernel that forbids them), `make` says why and grading goes on without it.
struct Sandbox: Sendable {
  /// The `grade-sandbox` executable.
  var tool: URL
  /// Paths the test processes see, read-only, at their own place.
  var visible: [String]

  /// The sandbox's executable name, built beside `grade` and the test bundle.
  static let toolName = "grade-sandbox"

  /// The sandbox for grading the workbook at `packageRoot`, or why this machine has none.
  static func make(packageRoot: URL) -> Result<Sandbox, Unavailable> {
    #if os(Linux)
      let candidates = [
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
          .deletingLastPathComponent().appendingPathComponent(toolName),
        packageRoot.appendingPathComponent(".build/debug/\(toolName)"),
      ]
      guard
        let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }
        )
      else {
        return .failure(Unavailable(reason: "no \(toolName) beside grade (swift build builds it)"))
      }
      if let reason = Self.check(tool) { return .failure(Unavailable(reason: reason)) }
      let data = packageRoot.appendingPathComponent("Data")
      return .success(
        Sandbox(
          tool: tool,
          visible: FileManager.default.fileExists(atPath: data.path) ? [data.path] : []))
    #else
      return .failure(Unavailable(reason: "the sandbox needs Linux's namespaces"))
    #endif
  }

  /// Why the sandbox cannot be made on this machine.
  struct Unavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
  }

  /// What `tool --check` said, once a process for each tool: nil when the sandbox works here.
  private static let checked = Mutex([String: String?]())

  private static func check(_ tool: URL) -> String? {
    if let known = checked.withLock({ $0[tool.path] }) { return known }
    let outcome = try? ChildProcess(
      executable: tool, arguments: ["--check"], environment: [:]
    ).run(timeLimit: 10)
    let reason: String? =
      outcome?.termination == .exited(0)
      ? nil
      : (outcome?.output.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap {
        $0.isEmpty ? nil : $0
      } ?? "\(tool.path) --check failed"
    checked.withLock { $0[tool.path] = reason }
    return reason
  }

  /// The command that runs `executable` with `arguments` in the sandbox, with `alsoVisible`
  /// shown besides `visible`.
  func command(_ executable: URL, _ arguments: [String], alsoVisible: [String] = []) -> (
    executable: URL, arguments: [String]
  ) {
    let shown = (visible + alsoVisible).flatMap { ["--visible", $0] }
    return (tool, shown + ["--", executable.path] + arguments)
  }
}
