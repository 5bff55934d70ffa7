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

  @Test(
    "usage errors exit with status 2",
    arguments: [
      ["--frobnicate"], ["--hint"], ["--jobs", "zero"], ["--list=yes"],
      ["--list", "--hint", "4.6"], ["--list", "4.6"], ["--hint", "4.6", "--json"],
      ["--hint", "-l"],
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
