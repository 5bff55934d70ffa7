import Foundation
import GraderKit
import Testing

/// The shipped workbook: its catalog matches its suites, and every stub grades as not started.
@Suite("The workbook as shipped")
struct WorkbookCatalogTests {
  let catalog: Catalog

  init() throws {
    catalog = try CatalogLoader(packageRoot: packageRoot).load("grader.json")
  }

  @Test(
    "every catalog suite exists against both Exercises and Solutions, and every suite is in the catalog"
  )
  func suitesMatchCatalog() throws {
    let suites = Set(catalog.exercises.filter { !$0.isReview }.map(\.suite))
    for module in ["ExerciseTests", "SolutionTests"] {
      let available = try Grader.suites(
        using: TestLauncher(kind: .bundle, bundle: testBundle, packageRoot: packageRoot),
        module: module)
      #expect(available == suites, "\(module): \(available.symmetricDifference(suites).sorted())")
    }
  }

  /// Graded as `grade` grades an untouched stub: a process per exercise, which stops at the
  /// first stub it reaches (a part before it that passes or fails shows up here).
  @Test("every stub, as shipped, grades as NOT STARTED: no exercise passes untouched")
  func pristineStubsAreNotStarted() {
    let runner = SuiteRunner(bundle: testBundle, module: "ExerciseTests", packageRoot: packageRoot)
    let results = Grader.gradeAll(
      catalog.exercises, jobs: 2, runner: runner, untouched: Set(catalog.exercises.map(\.id)))
    for result in results {
      #expect(
        result.verdict == .notStarted,
        "\(result.exercise.id): \(result.verdict.rawValue) \(result.parts.map(\.outcome))")
      #expect(result.earnedPoints == 0)
    }
  }

  @Test(
    "stars follow the documents: the notebook's headings, otherwise conceptual ★, implementation ★★"
  )
  func starsFollowTheDocuments() {
    let expected: [String: Int] = [
      "4.1": 1, "4.2": 1, "4.3": 1, "4.4": 1, "4.5": 2, "4.6": 2, "4.7": 2, "4.8": 2, "4.9": 3,
      "4.10": 3, "4.11": 3, "4.P": 3,
      "N1": 1, "N2": 1, "N3": 2, "N4": 2, "N5": 2, "N6": 2, "N7": 2, "N8": 3, "N9": 3, "N10": 3,
      "T1": 2, "T2": 2, "T3": 2, "T4": 2, "T5": 2, "T6": 2, "T7": 2, "T8": 2,
      "W1": 2, "W2": 2, "W3": 2, "W4": 2, "W5": 2, "W6": 2, "T9": 3, "T10": 3, "L1": 2, "L2": 2,
      "L3": 2, "L4": 3, "L5": 1,
    ]
    #expect(Set(catalog.exercises.map(\.id)) == Set(expected.keys))
    for exercise in catalog.exercises {
      #expect(exercise.stars == expected[exercise.id], "\(exercise.id) has \(exercise.starText)")
    }
  }

  @Test("every entry points at a learner file in Exercises/ and has hints")
  func entriesAreComplete() {
    for exercise in catalog.exercises {
      #expect(exercise.file.hasPrefix("Exercises/"), "\(exercise.id): \(exercise.file)")
      #expect(!exercise.hints.isEmpty, "\(exercise.id) has no hints")
    }
  }
}
