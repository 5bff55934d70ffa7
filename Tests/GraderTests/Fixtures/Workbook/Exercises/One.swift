import Workbook

/// Returns the square of x.
public func square(_ x: Double) -> Double {
  x * x
}
