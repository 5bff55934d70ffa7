import Foundation
import TestSupport
import Testing
import Workbook

@Suite("Passing", .graded)
struct PassingFixture {
  @Test("(a) x after 5 steps")
  func a() {
    expectClose(fixtureDescent(x0: 10, eta: 0.1, steps: 5), 3.2768, tolerance: 1e-9, "x5")
  }

  @Test("(b) a fixed point stays put")
  func b() { expectClose(fixtureDescent(x0: 0, eta: 0.3, steps: 3), 0, tolerance: 0, "x3") }
}

@Suite("Wrong answer", .graded)
struct WrongAnswerFixture {
  @Test("(a) a fixed point stays put")
  func a() { expectClose(fixtureDescentWrong(x0: 0, eta: 0.3, steps: 3), 0, tolerance: 0, "x3") }

  @Test("(b) x after 5 steps")
  func b() {
    expectClose(
      fixtureDescentWrong(x0: 10, eta: 0.1, steps: 5), 3.2768, tolerance: 1e-9, "x after 5 steps")
  }
}

@Suite("Trap in the middle", .graded)
struct TrapFixture {
  @Test("(a) passes") func a() {
    expectClose(fixtureDescent(x0: 1, eta: 0.5, steps: 1), 0, tolerance: 0, "x1")
  }
  @Test("(b) traps") func b() { _ = fixtureTrap([1, 2, 3]) }
  @Test("(c) passes after the trap") func c() {
    #expect(fixtureDescent(x0: 2, eta: 0.25, steps: 1) == 1)
  }
}

@Suite("Endless loop", .graded)
struct HangFixture {
  @Test("(a) passes") func a() { #expect(fixtureDescent(x0: 2, eta: 0.25, steps: 1) == 1) }
  @Test("(b) never returns") func b() { #expect(fixtureHang() > 0) }
  @Test("(c) never reached") func c() { #expect(Bool(true)) }
}

@Suite("Exit", .graded)
struct ExitFixture {
  @Test("(a) exits the process") func a() { #expect(fixtureExit() == 0) }
}

@Suite("Junk output", .graded)
struct JunkFixture {
  @Test("(a) prints junk, then answers correctly") func a() {
    expectClose(fixtureJunk(), 0.5, tolerance: 0, "answer")
  }
  @Test("(b) prints junk, then answers wrongly") func b() {
    expectClose(fixtureJunk(), 0.25, tolerance: 0, "answer")
  }
}

@Suite("Untouched stub", .graded)
struct StubFixture {
  @Test("(a) calls the stub") func a() { #expect(fixtureStub(x0: 1) == 0) }
  @Test("(b) calls the stub too") func b() { #expect(fixtureStub(x0: 2) == 0) }
}

@Suite("Output flood", .graded)
struct FloodFixture {
  @Test("(a) prints 16 MB, then traps") func a() { #expect(fixtureFlood() == 0) }
}

@Suite("A process left behind", .graded)
struct OrphanFixture {
  @Test("(a) starts a process and passes") func a() { #expect(fixtureOrphan() == 1) }
}

@Suite("Trap in one case of a table", .graded)
struct TableTrapFixture {
  @Test("(a) a table whose second case traps", arguments: [[], [5.0]])
  func a(values: [Double]) { #expect(fixtureTrap(values) == 0) }
}

@Suite("A process that leaves the session", .graded)
struct EscapeFixture {
  @Test("(a) starts a process with setsid and passes") func a() { #expect(fixtureEscape() == 1) }
}

@Suite("Code that reaches for what is not its own", .graded)
struct SandboxFixture {
  @Test("(a) cannot read the instructor's files") func a() {
    #expect(!fixtureReadsInstructorsFiles())
  }
  @Test("(b) cannot write outside a private temporary folder") func b() {
    #expect(!fixtureWritesOutsideItsFolder())
    let probe = "/tmp/grade-sandbox-probe-\(getpid())"
    #expect(FileManager.default.createFile(atPath: probe, contents: Data("x".utf8)))
    try? FileManager.default.removeItem(atPath: probe)
  }
  @Test("(c) sees no other process, so it can signal none") func c() {
    #expect(!fixtureReachesOtherProcesses())
  }
  @Test("(d) has no network") func d() { #expect(!fixtureHasANetwork()) }
  @Test("(e) reads the workbook's data") func e() throws {
    #expect(try Digits.load().count == 1797)
  }
}

@Suite("Escape codes in a crash message", .graded)
struct PaintFixture {
  @Test("(a) traps with escape codes") func a() { #expect(fixturePaint() == 0) }
}

@Suite("An allocation that fails", .graded)
struct AllocationFixture {
  @Test("(a) allocates 8 PB") func a() { #expect(fixtureHugeAllocation() > 0) }
}

@Suite("Results written by the code under test", .graded)
struct ForgeFixture {
  @Test("(a) claims that (b) passed, then exits") func a() {
    #expect(
      fixtureForge(claiming: "GraderFixtures.ForgeFixture/b()/FixtureSuites.swift:\(Self.b):4") == 1
    )
  }
  /// The line of (b), which its test id names.
  static let b = #line + 1
  @Test("(b) never runs") func b() { #expect(fixtureStub(x0: 1) == 1) }
}

@Suite("State kept between exercises (one)", .graded)
struct FirstCounterFixture {
  @Test("(a) the first call in the process") func a() { #expect(fixtureCountCall() == 1) }
}

@Suite("State kept between exercises (two)", .graded)
struct SecondCounterFixture {
  @Test("(a) the first call in the process") func a() { #expect(fixtureCountCall() == 1) }
}
