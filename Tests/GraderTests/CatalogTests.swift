import Foundation
import GraderKit
import Testing

/// A malformed or inconsistent catalog stops the grader with a message naming file, entry and field.
@Suite("Catalog loading and validation")
struct CatalogTests {
  /// One valid entry, as JSON text, with `changes` applied to its fields.
  private func entry(_ changes: [String: String] = [:]) -> String {
    var fields: [String: String] = [
      "id": #""4.6""#, "title": #""Adam""#, "document": #""Stage 4 Exercises""#,
      "section": #""Exercise 4.6""#, "stars": "2", "points": "10",
      "file": #""Tests/GraderFixtures/LearnerCode.swift""#, "suite": #""PassingFixture""#,
    ]
    for (key, value) in changes { fields[key] = value.isEmpty ? nil : value }
    return "{"
      + fields.sorted { $0.key < $1.key }.map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}"
  }

  /// Loads `json` written to a temporary file, returning the error it raises.
  private func loadError(_ json: String) throws -> GradeError? {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "catalog-\(UUID()).json")
    try json.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    do {
      _ = try CatalogLoader(packageRoot: packageRoot).load(url.path)
      return nil
    } catch {
      return error
    }
  }

  private func catalog(_ entries: String...) -> String {
    #"{"version": 1, "course": "Test", "exercises": ["# + entries.joined(separator: ", ") + "]}"
  }

  @Test("the workbook's own grader.json is valid")
  func workbookCatalog() throws {
    let catalog = try CatalogLoader(packageRoot: packageRoot).load("grader.json")
    #expect(!catalog.exercises.isEmpty)
  }

  @Test("a valid entry loads, with defaults for the optional fields")
  func defaults() throws {
    let json = catalog(entry(["points": "", "hints": ""]))
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "catalog-\(UUID()).json")
    try json.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let loaded = try CatalogLoader(packageRoot: packageRoot).load(url.path)
    let exercise = try #require(loaded.exercises.first)
    #expect(exercise.points == Exercise.Defaults.points)
    #expect(exercise.timeLimit == Exercise.Defaults.timeLimit)
    #expect(exercise.hints.isEmpty)
  }

  @Test("invalid JSON names the file and where the syntax breaks")
  func invalidJSON() throws {
    let error = try #require(try loadError("{\"version\": 1,\n \"exercises\": [ }"))
    guard case .catalogUnreadable(let file, let reason) = error else {
      Issue.record("expected catalogUnreadable, got \(error)")
      return
    }
    #expect(file.hasSuffix(".json"))
    #expect(reason.contains("not valid JSON"))
    #expect(error.exitStatus == 2)
  }

  @Test(
    "each kind of mistake names its entry and field",
    arguments: [
      (#"{"stars": "4"}"#, "stars", "out of range"),
      (#"{"stars": "0"}"#, "stars", "out of range"),
      (#"{"stars": "\"two\""}"#, "stars", "wrong type"),
      (#"{"title": ""}"#, "title", "missing"),
      (#"{"file": "\"Exercises/Nowhere.swift\""}"#, "file", "does not exist"),
      (#"{"suite": "\"not a type\""}"#, "suite", "not a Swift type name"),
      (#"{"timeLimit": "0"}"#, "timeLimit", "between 0 and 600"),
      (#"{"points": "-1"}"#, "points", "between 0 and 1000"),
      (#"{"points": "1001"}"#, "points", "between 0 and 1000"),
      (#"{"id": "\"-x\""}"#, "id", "not start with"),
      (#"{"title": "\"\""}"#, "title", "must not be empty"),
      (
        #"{"kind": "\"review\"", "points": "0", "rubric": "[\"a\"]", "file": "\"README.md\""}"#,
        "suite", "graded by a person: it has no suite"
      ),
      (
        #"{"kind": "\"review\"", "suite": "", "rubric": "[\"a\"]", "file": "\"README.md\""}"#,
        "points", "points must be 0"
      ),
      (
        #"{"kind": "\"review\"", "suite": "", "points": "0", "file": "\"README.md\""}"#,
        "rubric", "what the reviewer looks for"
      ),
      (
        #"{"kind": "\"review\"", "suite": "", "points": "0", "rubric": "[\"a\"]"}"#,
        "file", "the learner's Markdown"
      ),
    ])
  func fieldMistakes(change: String, field: String, problem: String) throws {
    let changes = try JSONDecoder().decode([String: String].self, from: Data(change.utf8))
    let error = try #require(try loadError(catalog(entry(changes))))
    guard case .catalogInvalid(_, let entry, let reportedField, let reportedProblem) = error else {
      Issue.record("expected catalogInvalid, got \(error)")
      return
    }
    #expect(entry?.contains("exercises[0]") == true)
    #expect(reportedField == field)
    #expect(reportedProblem.contains(problem), "\(error)")
    #expect(error.exitStatus == 2)
  }

  @Test("a duplicate id names the second entry and the first")
  func duplicateID() throws {
    let error = try #require(
      try loadError(catalog(entry(), entry(["suite": #""WrongAnswerFixture""#]))))
    #expect(
      error
        == .catalogInvalid(
          file: error.file, entry: #"exercises[1] (id "4.6")"#, field: "id",
          problem: #""4.6" is also the id of exercises[0]"#))
  }

  @Test("a suite graded twice is refused")
  func duplicateSuite() throws {
    let error = try #require(try loadError(catalog(entry(), entry(["id": #""4.7""#]))))
    #expect("\(error)".contains("field \"suite\""))
  }

  @Test("a top level that is not an object says what it must be")
  func topLevelNotObject() throws {
    let error = try #require(try loadError("[]"))
    #expect("\(error)".contains("the top level must be an object"))
  }

  @Test("a newer catalog version is refused with a clear message")
  func newerVersion() throws {
    let error = try #require(try loadError(#"{"version": 99, "course": "T", "exercises": []}"#))
    guard case .unsupportedVersion(_, 99, Catalog.supportedVersion) = error else {
      Issue.record("expected unsupportedVersion, got \(error)")
      return
    }
  }

  @Test("a suite the test bundle does not have is an unknown suite")
  func unknownSuite() throws {
    let catalog = Catalog(
      course: "T",
      exercises: [
        Exercise(
          id: "9.9", title: "Nothing", document: "D", section: "S", stars: 1,
          file: "grader.json", suite: "NoSuchSuiteTests")
      ])
    let error = #expect(throws: GradeError.self) {
      try CatalogLoader.checkSuites(of: catalog, file: "grader.json", available: ["OtherTests"])
    }
    #expect(
      error
        == .catalogInvalid(
          file: "grader.json", entry: #"exercises[0] (id "9.9")"#, field: "suite",
          problem: "no suite named NoSuchSuiteTests in Tests/Suites"))
  }
}

extension GradeError {
  /// The file a catalog error names.
  fileprivate var file: String {
    switch self {
    case .catalogInvalid(let file, _, _, _), .catalogUnreadable(let file, _): file
    default: ""
    }
  }
}
