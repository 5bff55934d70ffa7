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
    let nm = try #require(ObjectAllowlist.nm())
    let found = try ObjectAllowlist.violations(
      in: objects(of: "GraderFixtures", sources: "Tests/GraderFixtures").filter {
        $0.lastPathComponent.hasPrefix("LearnerCode")
      },
      nm: nm, module: "GraderFixtures")
    let symbols = try #require(found["LearnerCode.swift"]).symbols
    #expect(symbols.contains("exit"))
    #expect(symbols.contains { $0.hasPrefix("$s10Foundation7ProcessC") })
    #expect(symbols.contains { $0.hasPrefix("$s10Foundation10FileHandleC") })
  }

  @Test("the shipped stubs and the reference, as SwiftPM builds them, are within the allowlist")
  func workbookIsClean() throws {
    let nm = try #require(ObjectAllowlist.nm())
    for module in ["Exercises", "Solutions"] {
      let objects = objects(of: module, sources: module)
      #expect(!objects.isEmpty)
      #expect(
        try ObjectAllowlist.violations(in: objects, nm: nm, module: module) == [:], "\(module)")
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
}
