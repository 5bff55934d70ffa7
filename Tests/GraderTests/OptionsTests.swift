import GraderKit
import Testing

@Suite("Command-line parsing")
struct OptionsTests {
  @Test("ids and flags, with `--flag value` and `--flag=value`")
  func parses() throws {
    let options = try Options(parsing: [
      "4.6", "--solutions", "--jobs", "3", "--catalog=c.json", "N3",
    ])
    #expect(options.ids == ["4.6", "N3"])
    #expect(options.solutions)
    #expect(options.jobs == 3)
    #expect(options.catalog == "c.json")
    #expect(try Options(parsing: ["--hint=4.6"]).hint == "4.6")
    #expect(try Options(parsing: ["--hint", "4.6"]).hint == "4.6")
    #expect(try Options(parsing: ["--list"]).list)
    #expect(try Options(parsing: []) == Options())
  }

  @Test("the learner's loop and the instructor's verbs")
  func loopAndInstructorVerbs() throws {
    let watch = try Options(parsing: ["--watch", "4.6", "4.7"])
    #expect(watch.watch && watch.ids == ["4.6", "4.7"])
    #expect(try Options(parsing: ["-w"]).watch)
    #expect(try Options(parsing: ["--reset", "4.6"]).reset == "4.6")
    #expect(try Options(parsing: ["--generate-stubs"]).generateStubs)
    #expect(try Options(parsing: ["--runner=swift-test"]).runner == .swiftTest)
    #expect(try Options(parsing: ["--runner", "bundle"]).runner == .bundle)
  }

  @Test("--help wins over whatever else is on the line")
  func helpFirst() throws {
    #expect(try Options(parsing: ["--frobnicate", "--help"]).help)
    #expect(Grader.main(arguments: ["--jobs", "zero", "-h"]) == 0)
  }

  @Test("--help puts the learner's options apart from the instructor's")
  func helpGroups() throws {
    let usage = Options.usage
    let learner = try #require(usage.range(of: "FOR LEARNERS:"))
    let instructor = try #require(usage.range(of: "FOR INSTRUCTORS AND CI:"))
    let learnerPart = usage[learner.upperBound..<instructor.lowerBound]
    let instructorPart = usage[instructor.upperBound...]
    for flag in ["--watch", "--list", "--hint", "--reset"] {
      #expect(learnerPart.contains(flag), "\(flag)")
    }
    for flag in ["--solutions", "--json", "--generate-stubs", "--runner", "--skip-build"] {
      #expect(instructorPart.contains(flag), "\(flag)")
    }
  }

  @Test(
    "usage errors exit with status 2",
    arguments: [
      ["--frobnicate"], ["--hint"], ["--jobs", "zero"], ["--list=yes"],
      ["--list", "--hint", "4.6"], ["--list", "4.6"], ["--hint", "4.6", "--json"],
      ["--hint", "-l"], ["--watch", "--json"], ["--watch", "--list"], ["--reset", "4.6", "4.7"],
      ["--reset"], ["--generate-stubs", "--solutions"], ["--runner", "docker"],
    ])
  func usageErrors(arguments: [String]) {
    #expect(throws: GradeError.self) { try Options(parsing: arguments) }
    #expect(Grader.main(arguments: arguments) == 2)
  }

  @Test("an unknown exercise id stops the command with status 2")
  func unknownExercise() {
    #expect(Grader.main(arguments: ["--package-path", packageRoot.path, "--hint", "0.0"]) == 2)
  }
}
