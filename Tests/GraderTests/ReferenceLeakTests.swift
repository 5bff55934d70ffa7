import Foundation
import Testing

@testable import GraderKit

@Suite("The student release repeats no line of a reference solution")
struct ReferenceLeakTests {
  /// A reference for the fixture's exercise `one` with a line worth hiding (line 7) among
  /// trivial ones: a comment, short lines, `} else {`, braces.
  static let reference = """
    import Workbook

    /// Returns the square of x.
    public func square(_ x: Double) -> Double {
      // BEGIN SOLUTION
      // The product, by magnitude: the sign cancels.
      let product = x.magnitude * x.magnitude
      if product.isNaN {
        return .nan
      } else {
        return product
      }
      // END SOLUTION
    }
    """

  /// A shipped helper that computes the expected square the way the reference does: line 6
  /// repeats the reference's line 7; its other lines repeat the reference's trivial lines.
  static let leakingHelper = """
    import Foundation

    /// The square of x, computed the way the reference does.
    func expectedSquare(_ x: Double) -> Double {
      // The product, by magnitude: the sign cancels.
      let product = x.magnitude * x.magnitude
      if product.isNaN {
        return .nan
      } else {
        return product
      }
    }
    """

  @Test("this workbook's release repeats no line of a reference's marked blocks")
  func workbookHasNoLeak() throws {
    let shipped = try Release.shippedTexts(of: packageRoot)
    let references = try ReferenceLeaks.referenceLines(packageRoot: packageRoot)
    let leaks = ReferenceLeaks.leaks(in: shipped, references: references)
    #expect(leaks.isEmpty, "\(leaks.map(\.description).joined(separator: "\n"))")
    #expect(throws: Never.self) {
      try ReferenceLeaks.check(packageRoot: packageRoot, shipped: shipped)
    }
    // What is checked: every reference's blocks, against the suites, the shared library, the
    // experiments and the stubs, and nothing that the release leaves out.
    #expect(references.count > 100)
    #expect(references.values.allSatisfy { $0.file.hasPrefix("Solutions/") })
    let paths = shipped.map(\.path)
    for needed in [
      "Tests/Suites/NumericalOptimization/ExN7_MixedPrecisionTests.swift",
      "Sources/Workbook/SoftmaxRegression.swift",
      "Sources/Experiments/ExT9_TwoLayerNetworkExperiment.swift",
      "Exercises/NumericalOptimization/ExN7_MixedPrecision.swift", "README.md",
    ] {
      #expect(paths.contains(needed), "\(needed) is not checked")
    }
    #expect(!paths.contains { $0.hasPrefix("Solutions/") || $0.hasPrefix("Tests/Hidden/") })
  }

  @Test(
    "a release whose shipped file repeats a reference's line fails, naming both, and writes nothing",
    arguments: ["Tests/ExerciseTests/Expected.swift", "Sources/Workbook/Expected.swift"])
  func leakFails(shippedFile: String) throws {
    let workbook = fixtureWorkbook()
    let folder = temporaryFolder()
    defer {
      for made in [workbook.deletingLastPathComponent(), folder] {
        try? FileManager.default.removeItem(at: made)
      }
    }
    try Data(Self.reference.utf8).write(to: workbook.appendingPathComponent("Solutions/One.swift"))
    let shipped = workbook.appendingPathComponent(shippedFile)
    try Data(Self.leakingHelper.utf8).write(to: shipped)
    let release = folder.appendingPathComponent("release")

    let error = #expect(throws: GradeError.self) {
      try Release.write(from: workbook, to: release)
    }
    // The one line worth hiding is named; the trivial lines it shares are not.
    #expect(
      error
        == .referenceLeaks([
          ReferenceLeak(
            file: shippedFile, line: 6, reference: "Solutions/One.swift", referenceLine: 7,
            text: "let product = x.magnitude * x.magnitude")
        ]))
    let message = error?.description ?? ""
    #expect(message.contains("\(shippedFile):6"), "\(message)")
    #expect(message.contains("Solutions/One.swift:7"), "\(message)")
    #expect(error?.exitStatus == 2)
    #expect(!FileManager.default.fileExists(atPath: release.path), "the release was written")

    // Computed another way, the line gives nothing away and the release is written.
    let rewritten = Self.leakingHelper.replacingOccurrences(
      of: "x.magnitude * x.magnitude", with: "(x * x).magnitude")
    try Data(rewritten.utf8).write(to: shipped)
    #expect(try Release.write(from: workbook, to: release) > 0)
    let copy = release.appendingPathComponent(shippedFile)
    #expect(try String(contentsOf: copy, encoding: .utf8) == rewritten)
  }

  @Test(
    "comments, structure, keywords and short lines are trivial",
    arguments: [
      "}", "})", "]),", "(", "return", "break", "continue", "} else {", "else {", "} catch {",
      "// BEGIN SOLUTION", "/// A comment long enough to give something away, if it were code.",
      "for i in x.indices {", "let g = gradF(x)", "var losses: [Double] = []", "alpha *= rho",
    ])
  func trivial(line: String) {
    #expect(ReferenceLeaks.isTrivial(line))
  }

  @Test(
    "a line long enough to carry a step of a solution is not trivial",
    arguments: [
      "let length = norm(update)", "let half = Float16(gradient)",
      "m[i] = beta1 * m[i] + (1 - beta1) * g[i]", "Float(Float16(gradient * scale)) / scale",
    ])
  func notTrivial(line: String) {
    #expect(!ReferenceLeaks.isTrivial(line))
  }
}
