import Workbook

/// Returns the cube of x.
public func cube(_ x: Double) -> Double {
  // BEGIN SOLUTION
  x * x * x
  // END SOLUTION
}
