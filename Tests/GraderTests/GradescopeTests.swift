import Foundation
import Testing

@testable import GraderKit

/// `autograder/run_autograder` on this workbook, all 43 exercises, as Gradescope runs it: a
/// folder laid out as `/autograder`, the submission as a student hands it in, and
/// `results/results.json` read back against Gradescope's specification.
///
/// The workbook's build is the one this test bundle comes from (`swift test` built it), so grade
/// runs with `--skip-build` where Gradescope's image runs it after `setup.sh`'s build; the suites
/// are compiled once, for every case, as `setup.sh` does for every submission.
@Suite("Gradescope, end to end on the workbook", .serialized)
struct GradescopeTests {
  /// The fields Gradescope's specification defines, at the top and in a test.
  static let topFields: Set<String> = [
    "score", "execution_time", "output", "output_format", "test_output_format",
    "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard",
  ]
  static let testFields: Set<String> = [
    "score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
    "tags", "visibility", "extra_data",
  ]

  /// What run_autograder left: results.json and what it printed (Gradescope's stdout).
  struct Run {
    var results: [String: Any]
    var stdout: String

    var score: Int? { results["score"] as? Int }
    var tests: [[String: Any]] { results["tests"] as? [[String: Any]] ?? [] }

    func test(_ id: String) -> [String: Any]? { tests.first { $0["number"] as? String == id } }
    func output(_ id: String) -> String { test(id)?["output"] as? String ?? "" }
  }

  /// The `grade` executable this test run was built with, told to use that build.
  private var grade: String {
    testBundle.resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("grade").path + " --skip-build"
  }

  /// Runs run_autograder on a submission that `hand` writes into Gradescope's submission folder.
  private func autograde(_ hand: (URL) throws -> Void) throws -> Run {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let manager = FileManager.default
    try manager.createDirectory(
      at: root.appendingPathComponent("source"), withIntermediateDirectories: true)
    try manager.createSymbolicLink(
      at: root.appendingPathComponent("source/workbook"), withDestinationURL: packageRoot)
    let submission = root.appendingPathComponent("submission")
    try manager.createDirectory(at: submission, withIntermediateDirectories: true)
    try hand(submission)
    let handedIn = fileContents(under: submission)

    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = [packageRoot.appendingPathComponent("autograder/run_autograder").path]
    script.environment = compilerEnvironment.merging(
      ["AUTOGRADER_ROOT": root.path, "GRADE": grade]) { $1 }
    let pipe = Pipe()
    script.standardOutput = pipe
    try script.run()
    let stdout = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(script.terminationStatus == 0, "\(stdout)")
    let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
    let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(results.keys).isSubset(of: Self.topFields), "\(results.keys.sorted())")
    for test in results["tests"] as? [[String: Any]] ?? [] {
      #expect(Set(test.keys).isSubset(of: Self.testFields), "\(test.keys.sorted())")
      #expect(test["output_format"] as? String == "text")
    }
    #expect(results["stdout_visibility"] as? String == "hidden")
    #expect(fileContents(under: submission) == handedIn, "the submission is left as handed in")
    return Run(results: results, stdout: stdout)
  }

  /// Writes an `Exercises/` folder into `folder`: the shipped stubs, with the reference's file
  /// for each exercise in `solved` and `changes` (exercise id → source) on top.
  private func exercises(
    in folder: URL, solved: [String] = [], changes: [String: String] = [:]
  ) throws {
    let catalog = try CatalogLoader(packageRoot: packageRoot).load("grader.json")
    let target = folder.appendingPathComponent("Exercises")
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Exercises"), to: target)
    for id in solved + changes.keys {
      let exercise = try #require(catalog.exercise(id))
      let learner = folder.appendingPathComponent(exercise.file)
      let reference = packageRoot.appendingPathComponent(
        "Solutions" + exercise.file.dropFirst("Exercises".count))
      try FileManager.default.removeItem(at: learner)
      if let source = changes[id] {
        try Data(source.utf8).write(to: learner)
      } else {
        try FileManager.default.copyItem(at: reference, to: learner)
      }
    }
  }

  /// The reference's 4.6 with the bias correction forgotten.
  private var adamWithoutBiasCorrection: String {
    get throws {
      let reference = try String(
        contentsOf: packageRoot.appendingPathComponent("Solutions/Stage4/Ex4_6_Adam.swift"),
        encoding: .utf8)
      let wrong = reference.replacingOccurrences(
        of: "1 - pow(beta1, Double(t))", with: "1 + 0 * pow(beta1, Double(t))"
      ).replacingOccurrences(
        of: "1 - pow(beta2, Double(t))", with: "1 + 0 * pow(beta2, Double(t))")
      #expect(wrong != reference)
      return wrong
    }
  }

  @Test("a solved workbook uploaded as its Exercises/ folder scores 660/660; L5 awaits review")
  func solved() throws {
    let run = try autograde { submission in
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent("Solutions"),
        to: submission.appendingPathComponent("Exercises"))
    }
    #expect(run.score == 660, "\(run.results["output"] ?? "") \(run.stdout)")
    let graded = run.tests.filter { $0["number"] as? String != "L5" }
    #expect(graded.count == 42)
    #expect(graded.allSatisfy { $0["status"] as? String == "passed" })
    #expect(graded.map { $0["max_score"] as? Int ?? 0 }.reduce(0, +) == 660)
    let review = try #require(run.test("L5"))
    #expect((review["name"] as? String)?.hasSuffix("awaiting review") == true)
    #expect(review["score"] == nil && review["max_score"] == nil && review["status"] == nil)
    let catalog = try CatalogLoader(packageRoot: packageRoot).load("grader.json")
    let rubric = try #require(catalog.exercise("L5")?.rubric.first)
    #expect(!run.output("L5").contains(rubric), "the rubric is the reviewer's")
    #expect(run.results["output"] as? String == "42 of 42 exercises pass · score 660/660")
    #expect(run.stdout.contains("Graded 1 submissions"), "the instructor's log: \(run.stdout)")
    let adam = "Exercises/Stage4/Ex4_6_Adam.swift"
    #expect(
      try String(contentsOf: packageRoot.appendingPathComponent(adam), encoding: .utf8)
        == StubGenerator.stub(forExerciseFile: adam, packageRoot: packageRoot),
      "the workbook's own learner files are left as they are")
  }

  @Test("a repository at the root: its Exercises/ is graded, not its .stubs/")
  func repositoryAtTheRoot() throws {
    let run = try autograde { submission in
      try exercises(
        in: submission, solved: ["4.5"], changes: ["4.6": try adamWithoutBiasCorrection])
      try exercises(in: submission.appendingPathComponent(".stubs"))
      try Data("// swift-tools-version: 6.3\n".utf8).write(
        to: submission.appendingPathComponent("Package.swift"))
    }
    #expect(run.score == 10, "\(run.results)")
    #expect(run.test("4.5")?["status"] as? String == "passed")
    #expect(run.test("4.6")?["status"] as? String == "failed")
    #expect(run.output("4.6").contains("expected:"), "a readable diff: \(run.output("4.6"))")
    #expect(!run.output("4.6").contains("swift run grade"), "no commands Gradescope cannot run")
    #expect(!run.output("4.6").contains("· score"), "no summary line in a test")
    #expect(run.test("4.7")?["status"] as? String == "failed")
    #expect(run.output("4.7").contains("NOT STARTED"))
    #expect(run.output("L5").hasPrefix("Not started"))
  }

  @Test("a repository one level down, beside hidden folders, is graded")
  func repositoryOneLevelDown() throws {
    let run = try autograde { submission in
      try exercises(in: submission.appendingPathComponent(".stubs"))
      try exercises(in: submission.appendingPathComponent("my-workbook"), solved: ["4.6"])
    }
    #expect(run.score == 10, "\(run.results)")
    #expect(run.test("4.6")?["status"] as? String == "passed")
  }

  @Test(
    "a file that does not compile fails its exercise with the compiler's message; a loop times out")
  func brokenAndHanging() throws {
    let sgd = "public func sgd(params: inout [Double], grads: [Double], lr: Double) {"
    let variants = try String(
      contentsOf: packageRoot.appendingPathComponent(
        "Solutions/Stage4/Ex4_5_GradientDescentVariants.swift"), encoding: .utf8)
    #expect(variants.contains(sgd))
    let run = try autograde { submission in
      try exercises(
        in: submission, solved: ["4.8"],
        changes: [
          "4.6": "import Workbook\n\npublic let adam: Int = \"not a number\"\n",
          "4.5": variants.replacingOccurrences(
            of: sgd, with: sgd + "\n  while params.count >= 0 {}"),
        ])
    }
    #expect(run.score == 10, "\(run.results)")
    #expect(run.test("4.8")?["status"] as? String == "passed")
    #expect(run.output("4.6").contains("does not compile"), "\(run.output("4.6"))")
    #expect(run.output("4.6").contains("Exercises/Stage4/Ex4_6_Adam.swift:3"))
    #expect(run.output("4.5").contains("timed out"), "\(run.output("4.5"))")
  }

  @Test("an untouched workbook scores 0 with every exercise not started")
  func untouched() throws {
    let run = try autograde { submission in try exercises(in: submission) }
    #expect(run.score == 0)
    #expect(run.tests.count == 43)
    #expect(
      run.tests.filter { $0["number"] as? String != "L5" }.allSatisfy {
        ($0["output"] as? String)?.contains("NOT STARTED") == true
      })
  }

  @Test("no Exercises/ folder, or one that is a link: the output says what to hand in")
  func nothingToGrade() throws {
    for hand in [
      { (submission: URL) throws in
        try Data("my answers".utf8).write(to: submission.appendingPathComponent("answers.pdf"))
      },
      { (submission: URL) throws in
        try FileManager.default.createSymbolicLink(
          at: submission.appendingPathComponent("Exercises"),
          withDestinationURL: packageRoot.appendingPathComponent("Solutions"))
      },
    ] {
      let run = try autograde(hand)
      #expect(run.score == 0)
      #expect(
        (run.results["output"] as? String)?.contains("hand in your Exercises folder") == true,
        "\(run.results)")
    }
  }

  @Test("a grader that cannot start still leaves results that say so, and the log says why")
  func graderMissing() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("source/workbook"), withIntermediateDirectories: true)
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = [packageRoot.appendingPathComponent("autograder/run_autograder").path]
    script.environment = compilerEnvironment.merging(
      ["AUTOGRADER_ROOT": root.path, "GRADE": root.appendingPathComponent("no-grade").path]) { $1 }
    let pipe = Pipe()
    script.standardOutput = pipe
    try script.run()
    let stdout = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(script.terminationStatus == 0)
    let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
    let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(results["score"] as? Int == 0)
    #expect((results["output"] as? String)?.contains("tell your instructor") == true)
    #expect(stdout.contains("no-grade"), "the instructor's log names the failed command: \(stdout)")
  }

  @Test("results forged by a grade that was then killed are not taken")
  func forged() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("source/workbook"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("results"), withIntermediateDirectories: true)
    // Full marks where Gradescope reads them, and where grade writes its own, then a kill.
    let forger = root.appendingPathComponent("forger")
    try Data(
      """
      #!/bin/bash
      marks='{"score": 660, "tests": []}'
      echo "$marks" > "$AUTOGRADER_ROOT/results/results.json"
      for ((i = 1; i <= $#; i++)); do
        [ "${!i}" = --gradescope ] && j=$((i + 1)) && echo "$marks" > "${!j}"
      done
      kill -9 $$

      """.utf8
    ).write(to: forger)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: forger.path)
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = [packageRoot.appendingPathComponent("autograder/run_autograder").path]
    script.environment = compilerEnvironment.merging(
      ["AUTOGRADER_ROOT": root.path, "GRADE": forger.path]) { $1 }
    script.standardOutput = FileHandle.nullDevice
    try script.run()
    script.waitUntilExit()
    let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
    let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(results["score"] as? Int == 0, "\(results)")
    #expect((results["output"] as? String)?.contains("status 137") == true, "\(results)")
  }

  @Test("a refused submission is told which call to remove")
  func refused() throws {
    let run = try autograde { submission in
      try exercises(
        in: submission,
        changes: [
          "4.6": try String(
            contentsOf: packageRoot.appendingPathComponent("Solutions/Stage4/Ex4_6_Adam.swift"),
            encoding: .utf8) + "\nfunc leave() { exit(0) }\n"
        ])
    }
    #expect(run.score == 0)
    let output = try #require(run.results["output"] as? String)
    #expect(output.contains("refused"), "\(output)")
    #expect(output.contains("Ex4_6_Adam.swift calls exit"), "\(output)")
  }
}
