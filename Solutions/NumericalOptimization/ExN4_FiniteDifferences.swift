import Workbook

// Exercise N4, reference: the learner's stub in Exercises/ documents the formulas.

/// The centred-difference gradient (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, coordinate by coordinate.
public func finiteDiffGrad(f: ([Double]) -> Double, x: [Double], h: Double = 1e-5) -> [Double] {
  x.indices.map { i in
    var plus = x
    var minus = x
    plus[i] += h
    minus[i] -= h
    return (f(plus) - f(minus)) / (2 * h)
  }
}

/// The complex-step gradient Im f(x + i·h·eᵢ) / h, coordinate by coordinate.
public func complexStepGrad(f: ([Complex]) -> Complex, x: [Double], h: Double = 1e-150)
  -> [Double]
{
  x.indices.map { i in
    var z = x.map { Complex($0) }
    z[i].imaginary = h
    return f(z).imaginary / h
  }
}
