import Foundation
import TestSupport
import Testing
import Workbook

@Suite("Complex")
struct ComplexTests {
  let z = Complex(1, 2)
  let w = Complex(3, -4)

  @Test func literalsAndDescription() {
    let literal: Complex = 2.5
    let integer: Complex = 3
    #expect(literal == Complex(2.5, 0) && integer == Complex(3))
    #expect(z.description == "1.0 + 2.0i" && w.description == "3.0 - 4.0i")
  }

  @Test func arithmetic() {
    #expect(z + w == Complex(4, -2) && z - w == Complex(-2, 6) && -z == Complex(-1, -2))
    #expect(z * w == Complex(11, 2))
    #expect(z / w == Complex(-0.2, 0.4))
    #expect(Complex(0, 1) * Complex(0, 1) == -1, "i² = −1")
    expectClose([(z / w * w).real, (z / w * w).imaginary], [1, 2], tolerance: 1e-15, "(z/w)·w")
  }

  @Test func mixedWithDouble() {
    #expect(2 + z == Complex(3, 2) && z + 2 == Complex(3, 2))
    #expect(2 - z == Complex(1, -2) && z - 2 == Complex(-1, 2))
    #expect(2 * z == Complex(2, 4) && z * 2 == Complex(2, 4))
    #expect(z / 2 == Complex(0.5, 1))
    #expect(5 / Complex(1, 2) == Complex(1, -2))
  }

  @Test func divisionDoesNotOverflow() {
    let big = Complex(1e300, 1e300)
    #expect(big / big == 1)
  }

  @Test func elementaryFunctions() {
    let x = 0.7
    let y = -0.3
    let s = sin(Complex(x, y))
    let c = cos(Complex(x, y))
    let e = exp(Complex(x, y))
    expectClose(
      [s.real, s.imaginary], [sin(x) * cosh(y), cos(x) * sinh(y)], tolerance: 1e-15, "sin")
    expectClose(
      [c.real, c.imaginary], [cos(x) * cosh(y), -sin(x) * sinh(y)], tolerance: 1e-15, "cos")
    expectClose(
      [e.real, e.imaginary], [exp(x) * cos(y), exp(x) * sin(y)], tolerance: 1e-15, "exp")
    let one = s * s + c * c
    expectClose([one.real, one.imaginary], [1, 0], tolerance: 1e-15, "sin² + cos²")
  }

  @Test func doubleStillMeansFoundation() {
    // Complex is a float literal too: `sin(0.5)` must still pick Foundation's Double overload.
    let s = sin(0.5)
    let e = exp(1.0)
    #expect(type(of: s) == Double.self && type(of: e) == Double.self)
  }

  @Test(arguments: [-2.0, 0.5, 1, 3])
  func complexStepDerivative(x: Double) {
    let h = 1e-150
    let step = Complex(x, h)
    let derivative = { (f: (Complex) -> Complex) in f(step).imaginary / h }
    expectClose(derivative(sin), cos(x), tolerance: 0, relativeTolerance: 1e-15, "d/dx sin")
    expectClose(derivative(exp), exp(x), tolerance: 0, relativeTolerance: 1e-15, "d/dx exp")
    expectClose(derivative { $0 * $0 }, 2 * x, tolerance: 0, relativeTolerance: 1e-15, "d/dx x²")
    expectClose(
      derivative { 1 / $0 }, -1 / (x * x), tolerance: 0, relativeTolerance: 1e-15, "d/dx 1/x")
  }
}
