import Workbook

/// Returns the negation of x.
public func negate(_ x: Double) -> Double {
  // BEGIN SOLUTION
  -x
  // END SOLUTION
}
