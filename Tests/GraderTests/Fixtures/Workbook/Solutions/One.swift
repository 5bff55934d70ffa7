import Workbook

/// Returns the square of x.
public func square(_ x: Double) -> Double {
  // BEGIN SOLUTION
  x * x
  // END SOLUTION
}
