import Foundation
import Testing

@testable import GraderKit

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("Results for the tools instructors use")
struct ReportFormatTests {
  private func exercise(_ id: String, reportParts: Bool = true) -> Exercise {
    Exercise(
      id: id, title: "Exercise \(id)", document: "D", section: "S", stars: 2, points: 10,
      file: "Exercises/E\(id).swift", suite: "S\(id)", reportParts: reportParts)
  }

  private var results: [ExerciseResult] {
    [
      ExerciseResult(
        exercise: exercise("1"),
        parts: [
          PartResult(name: "(a) <a> & \"b\"", outcome: .passed),
          PartResult(name: "(b) b", outcome: .failed(["x\n  expected: 1\n  actual:   2\u{1B}[2K"])),
        ]),
      ExerciseResult(
        exercise: exercise("2"), parts: [],
        compileErrors: [Diagnostic(file: "Exercises/E2.swift", line: 3, column: 1, message: "m")]),
      ExerciseResult(
        exercise: exercise("3", reportParts: false),
        parts: [
          PartResult(name: "(a) a", outcome: .passed), PartResult(name: "(b) b", outcome: .passed),
        ]),
    ]
  }

  /// The test cases of a JUnit document, read back with Foundation's XML parser.
  private final class JUnitReader: NSObject, XMLParserDelegate {
    var cases: [(suite: String, name: String, failure: String?)] = []
    private var suite = ""

    func parser(
      _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      switch element {
      case "testsuite": suite = attributes["name"] ?? ""
      case "testcase": cases.append((suite, attributes["name"] ?? "", nil))
      case "failure": cases[cases.count - 1].failure = attributes["type"]
      default: break
      }
    }
  }

  @Test("JUnit: a test case per part, failures typed by status, parsed back by an XML parser")
  func junit() throws {
    let xml = JUnitReport(course: "C", results: results, withholding: ["3"]).encoded()
    let parser = XMLParser(data: Data(xml.utf8))
    let reader = JUnitReader()
    parser.delegate = reader
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    #expect(reader.cases.map(\.name) == ["(a) <a> & \"b\"", "(b) b", "Exercise 2", "Exercise 3"])
    #expect(reader.cases.map(\.failure) == [nil, "failed", "doesNotCompile", nil])
    #expect(
      reader.cases.map(\.suite) == ["1 Exercise 1", "1 Exercise 1", "2 Exercise 2", "3 Exercise 3"])
    #expect(!xml.contains("\u{1B}"))
  }

  @Test("Gradescope: the score, and a test per exercise worth its points")
  func gradescope() throws {
    let data = Data(
      GradescopeReport(results: results, seconds: 2.5, withholding: ["3"]).encoded().utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["score"] as? Int == 10)
    #expect(object["max_score"] == nil, "not a field of Gradescope's")
    #expect(object["output"] as? String == "1 of 3 exercises pass · score 10/30")
    #expect(object["execution_time"] as? Int == 3)
    let tests = try #require(object["tests"] as? [[String: Any]])
    #expect(tests.map { $0["status"] as? String } == ["failed", "failed", "passed"])
    #expect(tests.map { $0["score"] as? Int } == [0, 0, 10])
    #expect(tests.map { $0["max_score"] as? Int } == [10, 10, 10])
    #expect(tests.allSatisfy { $0["visibility"] as? String == "visible" })
    #expect((tests[0]["output"] as? String)?.contains("expected: 1") == true)
    #expect((tests[2]["output"] as? String)?.contains("(a) a") == false, "withheld parts")
  }

  @Test("Markdown: a row per exercise for a CI job's summary")
  func markdown() {
    let table = MarkdownReport(course: "C", results: results, withholding: ["3"]).encoded()
    let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("Exercise") }
    #expect(rows.count == 3)
    #expect(table.contains("| 1 Exercise 1 | ★★ | ❌ FAIL | 0/10 | 1/2 |"), "\(table)")
    #expect(table.contains("does not compile"))
    #expect(table.contains("| 3 Exercise 3 | ★★ | ✅ PASS | 10/10 | graded as a whole |"))
    #expect(table.hasPrefix("### C: 10/30 points"))
  }
}

/// A small class graded for real on the fixture workbook: the Gradescope path and `--batch`.
@Suite("A class, graded end to end", .serialized)
struct ClassGradingTests {
  static let workbook = fixtureWorkbook()

  /// The `grade` executable this test run was built with.
  private var grade: URL {
    testBundle.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("grade")
  }

  /// Writes a submission's `Exercises/` under `folder`: the reference's answers, with `changes`
  /// (file name → source) on top, and `drop` files left out.
  private func submission(
    at folder: URL, changes: [String: String] = [:], drop: [String] = []
  ) throws {
    let exercises = folder.appendingPathComponent("Exercises")
    try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
    for name in ["One", "Two", "Three", "Four"] where !drop.contains(name) {
      let reference = Self.workbook.appendingPathComponent("Solutions/\(name).swift")
      try (changes[name].map { Data($0.utf8) } ?? Data(contentsOf: reference))
        .write(to: exercises.appendingPathComponent("\(name).swift"))
    }
  }

  private static let wrongThree =
    "import Workbook\n\npublic func half(_ x: Double) -> Double { x / 3 }\n"
  private static let brokenTwo =
    "import Workbook\n\npublic func cube(_ x: Double) -> Double { x * x * \"x\" }\n"
  private static let hangingFour =
    "import Workbook\n\npublic func negate(_ x: Double) -> Double {\n  while x == x {}\n  return -x\n}\n"
  private static let hostileOne = """
    import Foundation
    import Workbook

    public func square(_ x: Double) -> Double { x * x }

    public func expectHidden(_ holds: Bool) {}

    func leave() { exit(0) }

    """

  @Test("Gradescope: run_autograder takes only Exercises/ and writes results.json")
  func gradescope() throws {
    let root = temporaryFolder().appendingPathComponent("autograder")
    defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    let source = root.appendingPathComponent("source")
    try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: source.appendingPathComponent("workbook"), withDestinationURL: Self.workbook)
    let repository = root.appendingPathComponent("submission/my-repo")
    try submission(at: repository, changes: ["Three": Self.wrongThree])
    // A submission's own suite is not taken: only its Exercises/ is.
    try FileManager.default.createDirectory(
      at: repository.appendingPathComponent("Tests/ExerciseTests"),
      withIntermediateDirectories: true)
    try Data("// asserts nothing".utf8).write(
      to: repository.appendingPathComponent("Tests/ExerciseTests/ThreeTests.swift"))

    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = [packageRoot.appendingPathComponent("autograder/run_autograder").path]
    script.environment = compilerEnvironment.merging(
      [
        "AUTOGRADER_ROOT": root.path, "GRADE": grade.path,
        "GRADE_MODULE_CACHE": fixtureModuleCache,
      ]) { $1 }
    let pipe = Pipe()
    script.standardOutput = pipe
    try script.run()
    let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(script.terminationStatus == 0)

    let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["score"] as? Int == 15, "\(object) \(log)")
    #expect(object["max_score"] == nil, "not a field of Gradescope's")
    let tests = try #require(object["tests"] as? [[String: Any]])
    #expect(tests.map { $0["max_score"] as? Int ?? 0 }.reduce(0, +) == 20)
    #expect(tests.map { $0["status"] as? String } == ["passed", "passed", "failed", "passed"])
  }

  @Test(
    "--batch: a row per student, linked with suites built once or built by SwiftPM; a broken, hanging or hostile submission costs its own row alone; an untouched one is not built again; a rerun resumes"
  )
  func batch() throws {
    let work = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: work) }
    let submissions = work.appendingPathComponent("class")
    try submission(at: submissions.appendingPathComponent("alice"))
    try submission(
      at: submissions.appendingPathComponent("bob/checkout"), changes: ["Three": Self.wrongThree])
    try submission(
      at: submissions.appendingPathComponent("carol"), changes: ["Two": Self.brokenTwo])
    try submission(
      at: submissions.appendingPathComponent("dave"), changes: ["Four": Self.hangingFour])
    try submission(at: submissions.appendingPathComponent("eve"), changes: ["One": Self.hostileOne])
    try FileManager.default.createDirectory(
      at: submissions.appendingPathComponent("frank/notes"), withIntermediateDirectories: true)
    try submission(at: submissions.appendingPathComponent("heidi"))
    try Data("import Foundation\n\npublic func leave() { exit(0) }\n".utf8).write(
      to: submissions.appendingPathComponent("heidi/Exercises/Extra.swift"))
    // The workbook's own learner files, which the suites are built against: Four not started.
    // ivan and judy hand in exactly those: judy takes ivan's results.
    let four = try String(
      contentsOf: packageRoot.appendingPathComponent(
        "Tests/GraderTests/Fixtures/Workbook/Exercises/Four.swift"), encoding: .utf8)
    try? FileManager.default.removeItem(at: Self.workbook.appendingPathComponent("Exercises"))
    try submission(at: Self.workbook, changes: ["Four": four])
    try submission(at: submissions.appendingPathComponent("ivan"), changes: ["Four": four])
    try submission(at: submissions.appendingPathComponent("judy"), changes: ["Four": four])
    let grades = work.appendingPathComponent("grades")
    let arguments = ["--batch", submissions.path, "--out", grades.path]

    let handedIn = fileContents(under: submissions)
    let first = try runGrade(arguments, in: Self.workbook)
    #expect(first.status == 1, "eve and heidi are refused and frank has nothing to grade")
    #expect(fileContents(under: submissions) == handedIn, "every submission is left as handed in")
    let gradebook = try String(
      contentsOf: grades.appendingPathComponent("gradebook.csv"), encoding: .utf8)
    let rows = gradebook.split(separator: "\n").map(String.init)
    #expect(rows.first == "student,one,two,three,four,total,status")
    #expect(rows.contains("alice,5,5,5,5,20,graded"), "\(gradebook)")
    #expect(rows.contains("bob,5,5,0,5,15,graded"), "\(gradebook)")
    #expect(rows.contains("carol,5,0,5,5,15,graded"), "\(gradebook)")
    #expect(rows.contains("dave,5,5,5,0,15,graded"), "\(gradebook)")
    #expect(rows.contains("ivan,5,5,5,0,15,graded"), "\(gradebook)")
    #expect(rows.contains("judy,5,5,5,0,15,graded"), "\(gradebook)")
    #expect(
      rows.contains { $0.hasPrefix("eve,0,0,0,0,0,\"refused: One.swift calls exit") },
      "\(gradebook)")
    #expect(
      rows.contains { $0.hasPrefix("frank,0,0,0,0,0,notGradable: no Exercises/") }, "\(gradebook)")
    #expect(
      rows.contains { $0.hasPrefix("heidi,0,0,0,0,0,\"refused: Extra.swift calls exit") },
      "\(gradebook)")
    let heidi = try Data(contentsOf: grades.appendingPathComponent("students/heidi.json"))
    let reasons = try JSONSerialization.jsonObject(with: heidi) as? [String: Any]
    #expect(
      (reasons?["reasons"] as? [String])?.last?.hasPrefix(
        "public function leave() (Exercises/Extra.swift:3) is not in the reference's public API")
        == true, "\(String(decoding: heidi, as: UTF8.self))")
    // eve's public addition, in an exercise's file (which a suite's error could replace by its
    // stub), changes the module's API: SwiftPM builds it with the suites, as `grade` would. The
    // others are linked with the suites built once; heidi is refused from there.
    #expect(first.output.contains("; 1 built by SwiftPM"), "\(first.output)")
    #expect(
      first.output.contains("; 2 the workbook's own files, not built again (1 not graded again)."),
      "\(first.output)")
    let ivan = try Data(contentsOf: grades.appendingPathComponent("students/ivan.json"))
    let judy = try Data(contentsOf: grades.appendingPathComponent("students/judy.json"))
    /// A record without its seal, which covers the student's name.
    func unsealed(_ record: Data) -> String {
      String(decoding: record, as: UTF8.self).split(separator: "\n")
        .filter { !$0.contains("\"seal\"") }.joined(separator: "\n")
    }
    #expect(unsealed(judy).replacingOccurrences(of: "judy", with: "ivan") == unsealed(ivan))
    #expect(
      first.output.contains(" s to build the suites once, ")
        && first.output.contains(" s for the submissions."), "\(first.output)")
    let carol = try Data(contentsOf: grades.appendingPathComponent("students/carol.json"))
    let record = try #require(try JSONSerialization.jsonObject(with: carol) as? [String: Any])
    let report = try #require(record["report"] as? [String: Any])
    let exercises = try #require(report["exercises"] as? [[String: Any]])
    #expect(
      (exercises[1]["compileErrors"] as? [String])?.first?.hasPrefix("Exercises/Two.swift:3")
        == true)

    let again = try runGrade(arguments, in: Self.workbook)
    #expect(again.output.contains("(9 unchanged since the last run)"), "\(again.output)")
    #expect(!again.output.contains("to build the suites once"), "nothing to build: \(again.output)")
    try Data(Self.wrongThree.replacingOccurrences(of: "x / 3", with: "x / 2").utf8).write(
      to: submissions.appendingPathComponent("bob/checkout/Exercises/Three.swift"))
    let resumed = try runGrade(arguments, in: Self.workbook)
    #expect(resumed.output.contains("(8 unchanged since the last run)"), "\(resumed.output)")
    #expect(
      resumed.output.contains("the suites an earlier batch built for this workbook"),
      "the suites are kept between runs: \(resumed.output)")
    let updated = try String(
      contentsOf: grades.appendingPathComponent("gradebook.csv"), encoding: .utf8)
    #expect(updated.contains("bob,5,5,5,5,20,graded"), "\(updated)")
  }
}
