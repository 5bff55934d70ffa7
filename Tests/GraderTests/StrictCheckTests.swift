import Foundation
import Testing

@testable import GraderKit

@Suite("--strict refuses what forging a result takes")
struct StrictCheckTests {
  /// The folder holding the test bundle, with each module's objects beside it.
  private var bin: URL { testBundle.resolvingSymlinksInPath().deletingLastPathComponent() }

  /// The objects of `module`'s sources as they are now (a build folder may keep stale ones).
  private func objects(of module: String, sources folder: String) -> [URL] {
    let built = bin.appendingPathComponent("\(module).build")
    let sources = swiftFiles(under: folder, in: packageRoot).map {
      URL(fileURLWithPath: $0).lastPathComponent + ".o"
    }
    return sources.map { built.appendingPathComponent($0) }
  }

  @Test("the fixtures' misbehaving learner code is caught: exit, Process, FileHandle")
  func fixturesAreCaught() throws {
    let nm = try #require(ForbiddenCalls.nm())
    let found = try ForbiddenCalls.violations(
      in: objects(of: "GraderFixtures", sources: "Tests/GraderFixtures").filter {
        $0.lastPathComponent.hasPrefix("LearnerCode")
      },
      nm: nm)
    let symbols = try #require(found["LearnerCode.swift"])
    #expect(symbols.contains("exit"))
    #expect(symbols.contains { $0.hasPrefix("$s10Foundation7ProcessC") })
    #expect(symbols.contains { $0.hasPrefix("$s10Foundation10FileHandleC") })
  }

  @Test("the shipped stubs and the reference call nothing forbidden")
  func workbookIsClean() throws {
    let nm = try #require(ForbiddenCalls.nm())
    for module in ["Exercises", "Solutions"] {
      let objects = objects(of: module, sources: module)
      #expect(!objects.isEmpty)
      #expect(try ForbiddenCalls.violations(in: objects, nm: nm) == [:], "\(module)")
    }
  }

  @Test("the shipped stubs have exactly the reference's public API")
  func stubsHaveTheReferenceAPI() throws {
    let extras = try PublicAPI.extras(
      modules: bin.appendingPathComponent("Modules"),
      triple: bin.deletingLastPathComponent().lastPathComponent,
      extractor: try #require(PublicAPI.extractor()))
    #expect(extras == [])
  }

  @Test("forbidden names: exact C functions and Swift prefixes, not look-alikes")
  func names() {
    #expect(ForbiddenCalls.isForbidden("exit"))
    #expect(ForbiddenCalls.isForbidden("dlsym"))
    #expect(ForbiddenCalls.isForbidden("atexit"), "an exit handler could rewrite the results")
    #expect(ForbiddenCalls.isForbidden("kill"), "it could stop the grader")
    #expect(ForbiddenCalls.isForbidden("$s10Foundation11ProcessInfoC7processACvgZ"))
    #expect(!ForbiddenCalls.isForbidden("exp"))
    #expect(!ForbiddenCalls.isForbidden("pow"))
    #expect(!ForbiddenCalls.isForbidden("$ss5print_9separator10terminatoryypd_S2StF"))
  }
}
