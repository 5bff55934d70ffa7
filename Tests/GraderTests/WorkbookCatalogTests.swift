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
    let suites = Set(catalog.exercises.map(\.suite))
    for module in ["ExerciseTests", "SolutionTests"] {
      let available = try Grader.suites(in: testBundle, module: module)
      #expect(available == suites, "\(module): \(available.symmetricDifference(suites).sorted())")
    }
  }

  @Test("every stub, as shipped, grades as NOT STARTED: no exercise passes untouched")
  func pristineStubsAreNotStarted() {
    let runner = SuiteRunner(bundle: testBundle, module: "ExerciseTests", packageRoot: packageRoot)
    let results = Grader.gradeAll(catalog.exercises, jobs: 2, runner: runner)
    for result in results {
      #expect(
        result.verdict == .notStarted,
        "\(result.exercise.id): \(result.verdict.rawValue) \(result.parts.map(\.outcome))")
      #expect(result.earnedPoints == 0)
    }
  }

  @Test(
    "the catalog's stars follow the documents: conceptual ★, implementation ★★ or as the document says"
  )
  func starsInRange() {
    for exercise in catalog.exercises {
      #expect((1...3).contains(exercise.stars), "\(exercise.id)")
      #expect(exercise.file.hasPrefix("Exercises/"), "\(exercise.id): \(exercise.file)")
      #expect(!exercise.hints.isEmpty, "\(exercise.id) has no hints")
    }
  }
}
