import Workbook

/// Returns the half of x.
public func half(_ x: Double) -> Double {
  x / 2 +
}
