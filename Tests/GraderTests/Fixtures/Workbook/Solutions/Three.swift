import Workbook

/// Returns the half of x.
public func half(_ x: Double) -> Double {
  // BEGIN SOLUTION
  x / 2
  // END SOLUTION
}
