import Foundation

/// A complex number `real + imaginary·i`, just enough for the complex-step derivative.
///
/// The complex-step derivative `f′(x) ≈ Im f(x + ih) / h` has no subtraction, so it is exact to
/// rounding even for `h = 1e-150`; it needs `f` written with the operations and functions below.
public struct Complex: Equatable, Sendable, CustomStringConvertible, ExpressibleByFloatLiteral,
  ExpressibleByIntegerLiteral
{
  /// The real part.
  public var real: Double
  /// The imaginary part.
  public var imaginary: Double

  /// The number `real + imaginary·i`.
  public init(_ real: Double, _ imaginary: Double = 0) {
    self.real = real
    self.imaginary = imaginary
  }

  public init(floatLiteral value: Double) {
    self.init(value)
  }

  public init(integerLiteral value: Int) {
    self.init(Double(value))
  }

  public var description: String {
    imaginary.sign == .minus ? "\(real) - \(-imaginary)i" : "\(real) + \(imaginary)i"
  }

  public static prefix func - (z: Complex) -> Complex {
    Complex(-z.real, -z.imaginary)
  }

  public static func + (z: Complex, w: Complex) -> Complex {
    Complex(z.real + w.real, z.imaginary + w.imaginary)
  }

  public static func - (z: Complex, w: Complex) -> Complex {
    Complex(z.real - w.real, z.imaginary - w.imaginary)
  }

  public static func * (z: Complex, w: Complex) -> Complex {
    Complex(
      z.real * w.real - z.imaginary * w.imaginary, z.real * w.imaginary + z.imaginary * w.real)
  }

  /// `z / w` by Smith's algorithm, which divides by the larger part of `w` first so that
  /// `|w|²` is never formed and cannot overflow or underflow.
  public static func / (z: Complex, w: Complex) -> Complex {
    if abs(w.real) >= abs(w.imaginary) {
      let r = w.imaginary / w.real
      let d = w.real + w.imaginary * r
      return Complex((z.real + z.imaginary * r) / d, (z.imaginary - z.real * r) / d)
    } else {
      let r = w.real / w.imaginary
      let d = w.real * r + w.imaginary
      return Complex((z.real * r + z.imaginary) / d, (z.imaginary * r - z.real) / d)
    }
  }

  public static func + (x: Double, z: Complex) -> Complex { Complex(x + z.real, z.imaginary) }
  public static func + (z: Complex, x: Double) -> Complex { Complex(z.real + x, z.imaginary) }
  public static func - (x: Double, z: Complex) -> Complex { Complex(x - z.real, -z.imaginary) }
  public static func - (z: Complex, x: Double) -> Complex { Complex(z.real - x, z.imaginary) }
  public static func * (x: Double, z: Complex) -> Complex { Complex(x * z.real, x * z.imaginary) }
  public static func * (z: Complex, x: Double) -> Complex { Complex(z.real * x, z.imaginary * x) }
  public static func / (x: Double, z: Complex) -> Complex { Complex(x) / z }
  public static func / (z: Complex, x: Double) -> Complex { Complex(z.real / x, z.imaginary / x) }
}

// The elementary functions written with sinh and cosh of the imaginary part: for a tiny `b`,
// `sinh(b)` is `b` to full precision, whereas forming it from exponentials would cancel.

/// `sin(a + bi) = sin a · cosh b + i · cos a · sinh b`.
public func sin(_ z: Complex) -> Complex {
  Complex(Foundation.sin(z.real) * cosh(z.imaginary), Foundation.cos(z.real) * sinh(z.imaginary))
}

/// `cos(a + bi) = cos a · cosh b − i · sin a · sinh b`.
public func cos(_ z: Complex) -> Complex {
  Complex(Foundation.cos(z.real) * cosh(z.imaginary), -Foundation.sin(z.real) * sinh(z.imaginary))
}

/// `exp(a + bi) = eᵃ(cos b + i · sin b)`.
public func exp(_ z: Complex) -> Complex {
  let scale = Foundation.exp(z.real)
  return Complex(scale * Foundation.cos(z.imaginary), scale * Foundation.sin(z.imaginary))
}
