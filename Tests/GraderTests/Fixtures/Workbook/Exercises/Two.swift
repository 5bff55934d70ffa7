import Workbook

/// Returns the cube of x.
public func cube(_ x: Double) -> Double {
  let y: Int = x * x * x
  return y
}
