import TestSupport
import Testing
import Workbook

@Suite("Objectives")
struct ObjectivesTests {
  static let points: [[Double]] = [[0, 0], [-1.2, 1], [1, 1], [0.5, -0.3], [2, 3.5]]

  @Test(arguments: points) func rosenbrockDerivatives(x: [Double]) {
    expectClose(
      rosenbrockGrad(x), centralDifferences(of: rosenbrock, at: x), tolerance: 1e-6,
      relativeTolerance: 1e-8, "rosenbrockGrad")
    let hessian = rosenbrockHess(x)
    for i in 0..<2 {
      let column = centralDifferences(of: { rosenbrockGrad($0)[i] }, at: x)
      expectClose(hessian.row(i), column, tolerance: 1e-6, relativeTolerance: 1e-8, "Hessian row")
    }
  }

  @Test func rosenbrockMinimum() {
    #expect(rosenbrock([1, 1]) == 0)
    #expect(rosenbrockGrad([1, 1]) == [0, 0])
    #expect(rosenbrockHess([1, 1]) == Matrix([[802, -400], [-400, 200]]))
  }

  @Test(arguments: points) func bealeGradientMatchesDifferences(x: [Double]) {
    expectClose(
      bealeGradient(x), centralDifferences(of: beale, at: x), tolerance: 1e-6,
      relativeTolerance: 1e-8,
      "bealeGradient")
  }

  @Test func bealeMinimum() {
    #expect(beale([3, 0.5]) == 0)
    #expect(bealeGradient([3, 0.5]) == [0, 0])
  }

  @Test(arguments: [-2.0, -1, -0.3, 0, 0.7, 1, 3.5])
  func scalarDerivatives(x: Double) {
    let derivative = { (f: (Double) -> Double) in centralDifferences(of: { f($0[0]) }, at: [x])[0] }
    expectClose(
      doubleWellDerivative(x), derivative(doubleWell), tolerance: 1e-8, "doubleWellDerivative")
    expectClose(
      tiltedQuarticDerivative(x), derivative(tiltedQuartic), tolerance: 1e-8,
      "tiltedQuarticDerivative")
  }

  @Test func doubleWellCriticalPoints() {
    #expect(doubleWell(1) == 0 && doubleWell(-1) == 0 && doubleWell(0) == 1)
    #expect([-1.0, 0, 1].allSatisfy { doubleWellDerivative($0) == 0 })
  }

  @Test func quadraticGradient() throws {
    let q = Quadratic(a: Matrix([[3, 1], [1, 2]]), b: [1, -1])
    let x = [0.4, -1.5]
    expectClose(q.gradient(x), centralDifferences(of: q.value, at: x), tolerance: 1e-9, "∇f")
    expectClose(q.gradient(try q.a.solve(q.b)), [0, 0], tolerance: 1e-15, "∇f at A⁻¹b")
    #expect(Quadratic(a: .identity(2)).gradient([1, 2]) == [1, 2], "b defaults to 0")
  }

  @Test func ellipticBowl() {
    #expect(Workbook.ellipticBowl([1, 2]) == 0)
    #expect(Workbook.ellipticBowl([0, 0]) == 9)
    #expect(ellipticBowlGradient([0, 0]) == [-2, -8])
    let x = [-2.0, -1.0]
    expectClose(
      ellipticBowlGradient(x), centralDifferences(of: Workbook.ellipticBowl, at: x),
      tolerance: 1e-6, "∇f")
  }
}
