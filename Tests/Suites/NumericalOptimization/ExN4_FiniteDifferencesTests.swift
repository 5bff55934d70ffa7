import Foundation
import Testing

@Suite("N4 Finite-difference gradient check", .graded)
struct ExN4_FiniteDifferencesTests {
  /// The document's point x0.
  let x0 = [0.5, -0.3, 1.2]

  @Test("(a) centred differences match the analytic gradient, and are exact on a quadratic")
  func centredDifferences() {
    let exact = testFunctionGradient(x0)
    TestSupport.expectClose(
      finiteDiffGrad(f: testFunction, x: x0), exact, tolerance: 0, relativeTolerance: 1e-9,
      """
      finiteDiffGrad of f(x) = sin(x₁) + e^x₂·x₃² at x0 = (0.5, −0.3, 1.2) with the default \
      h = 1e-5, against the analytic gradient (centred differences are within about 1e-11; \
      a forward difference is off by about 4e-6, dividing by h instead of 2h by a factor 2)
      """)

    // The h² term of the Taylor series is all a quadratic has, and the centred difference
    // cancels it exactly: any h gives the exact gradient, even a large one.
    let quadratic = Quadratic(
      a: Matrix([[4, 1, 0], [1, 3, -1], [0, -1, 2]]), b: [1, -2, 0.5])
    let x = [0.3, -0.7, 1.1]
    for h in [0.5, 1e-3] {
      TestSupport.expectClose(
        finiteDiffGrad(f: quadratic.value, x: x, h: h), quadratic.gradient(x), tolerance: 0,
        relativeTolerance: 1e-10,
        """
        finiteDiffGrad with h = \(TestSupport.format(h)) on f(x) = ½xᵀAx − bᵀx (gradient Ax − b) at \
        x = (0.3, −0.7, 1.1): the centred difference is exact on a quadratic. Move one \
        coordinate at a time, by +h and by −h from the same x, and divide by 2h
        """)
    }
  }

  @Test("(b) the error is smallest near h = ε^(1/3) ≈ 6e-6, large for tiny and for large h")
  func errorVersusStep() {
    let exact = testFunctionGradient(x0)
    func relativeError(_ h: Double) -> Double {
      norm(adding(finiteDiffGrad(f: testFunction, x: x0, h: h), exact, scaledBy: -1))
        / norm(exact)
    }
    // The document's grid, np.logspace(-15, -1, 60).
    let steps = (0..<60).map { (i: Int) -> Double in pow(10, -15 + 14 * Double(i) / 59) }
    let errors = steps.map(relativeError)
    let best = errors.indices.min { errors[$0] < errors[$1] }!
    let (bestStep, bestError) = (steps[best], errors[best])

    // The document's run (numpy) finds the minimum, 2.6e-12, at h = 5.4e-6; a forward
    // difference has its minimum, 6e-9, near √ε, at h = 2.3e-8.
    #expect(
      bestStep >= 1e-7 && bestStep <= 1e-4,
      """
      the smallest error, \(TestSupport.format(bestError)), is at h = \(TestSupport.format(bestStep)); for centred \
      differences truncation O(h²) and rounding O(ε/h) balance near ε^(1/3) ≈ 6e-6 \
      (a forward difference balances near √ε ≈ 1.5e-8)
      """)
    #expect(
      bestError < 1e-10,
      "the smallest relative error over the 60 steps is \(TestSupport.format(bestError)); numpy gives 2.6e-12"
    )
    // Rounding: at h = 1e-15 the two values of f differ in their last few bits only.
    #expect(
      errors[0] > 1e-3 && errors[0] > 1000 * bestError,
      "relative error at h = 1e-15 is \(TestSupport.format(errors[0])); rounding should make it about 0.1"
    )
    // Truncation: the centred difference is off by (h²/6)·f‴ + O(h⁴).
    #expect(
      errors[59] > 1e-4 && errors[59] > 1000 * bestError,
      "relative error at h = 0.1 is \(TestSupport.format(errors[59])); truncation should make it about 1e-3"
    )
    let ratio = relativeError(1e-2) / relativeError(5e-3)
    #expect(
      ratio > 3.5 && ratio < 4.5,
      """
      halving h from 1e-2 to 5e-3 divides the error by \(TestSupport.format(ratio)); the centred \
      difference's truncation error is O(h²), so the ratio should be 4 (2 for a forward \
      difference)
      """)
  }

  @Test("(c) the complex step is accurate to rounding for every h from 1e-20 down to 1e-300")
  func complexStep() {
    let exact = testFunctionGradient(x0)
    TestSupport.expectClose(
      complexStepGrad(f: testFunction, x: x0), exact, tolerance: 0, relativeTolerance: 1e-15,
      """
      complexStepGrad of f(x) = sin(x₁) + e^x₂·x₃² at x0 with the default h = 1e-150: \
      Im f(x + i·h·eᵢ) / h, the imaginary part divided by h
      """)
    // A finite difference with any of these steps returns 0: x ± h rounds to x.
    for h in [1e-20, 1e-50, 1e-100, 1e-200, 1e-300] {
      TestSupport.expectClose(
        complexStepGrad(f: testFunction, x: x0, h: h), exact, tolerance: 0,
        relativeTolerance: 1e-15,
        """
        complexStepGrad with h = \(TestSupport.format(h)): nothing is subtracted, so the error should be \
        rounding only, whatever h
        """)
    }
  }
}

/// The document's f(x) = sin(x₁) + e^x₂·x₃².
private func testFunction(_ x: [Double]) -> Double {
  sin(x[0]) + exp(x[1]) * x[2] * x[2]
}

/// The same f on complex arguments, for the complex step.
private func testFunction(_ z: [Complex]) -> Complex {
  sin(z[0]) + exp(z[1]) * z[2] * z[2]
}

/// ∇f = (cos x₁, e^x₂·x₃², 2e^x₂·x₃).
private func testFunctionGradient(_ x: [Double]) -> [Double] {
  [cos(x[0]), exp(x[1]) * x[2] * x[2], 2 * exp(x[1]) * x[2]]
}
