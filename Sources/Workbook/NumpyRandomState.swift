import Foundation

/// numpy's legacy generator, `np.random.seed(s)` then `rand`, `randn` and `permutation`,
/// reproduced bit for bit, so an exercise can use the documents' own data and quote the numbers
/// they print.
///
/// It is the 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998) as numpy's
/// `RandomState` drives it:
///
/// ```
/// seed:      mt[0] = s;  mt[i] = 1812433253 · (mt[i−1] ⊕ (mt[i−1] >> 30)) + i
/// rand():    (a >> 5 · 2²⁶ + b >> 6) / 2⁵³        from two 32-bit draws a, b
/// randn():   polar method: x₁, x₂ = 2·rand() − 1 until 0 < r² = x₁² + x₂² < 1;
///            f = √(−2 ln r² / r²); returns f·x₂ and keeps f·x₁ for the next call
/// permutation(n): Fisher–Yates from the end, j drawn in [0, i] by masked rejection
/// ```
///
/// Use `SeededGenerator` where no document's number is involved.
public struct NumpyRandomState: Sendable {
  private var mt = [UInt32](repeating: 0, count: 624)
  private var index = 624
  /// The second value of the last polar draw, returned by the next `randn()`.
  private var cachedGaussian: Double?

  /// The state `np.random.seed(seed)` sets, for a seed in 0...2³² − 1.
  public init(seed: UInt32) {
    mt[0] = seed
    for i in 1..<624 {
      mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
    }
  }

  /// The next 32-bit output of MT19937.
  public mutating func nextUInt32() -> UInt32 {
    if index >= 624 { twist() }
    var y = mt.withUnsafeBufferPointer { $0[index] }
    index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  private mutating func twist() {
    // In place, in order, as the reference code: entries past i are still the old state.
    mt.withUnsafeMutableBufferPointer { mt in
      for i in 0..<624 {
        let next = i == 623 ? 0 : i + 1
        let far = i < 227 ? i + 397 : i - 227
        let y = (mt[i] & 0x8000_0000) | (mt[next] & 0x7FFF_FFFF)
        mt[i] = mt[far] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
      }
    }
    index = 0
  }

  /// `np.random.rand()`: uniform in [0, 1), with 53 random bits.
  public mutating func rand() -> Double {
    let a = Double(nextUInt32() >> 5)
    let b = Double(nextUInt32() >> 6)
    return (a * 67_108_864 + b) / 9_007_199_254_740_992
  }

  /// `np.random.rand(count)`.
  public mutating func rand(_ count: Int) -> [Double] {
    (0..<count).map { _ in rand() }
  }

  /// `np.random.randn()`: a standard normal value, by the polar method with its cached second
  /// value (numpy's legacy `gauss`).
  public mutating func randn() -> Double {
    if let cached = cachedGaussian {
      cachedGaussian = nil
      return cached
    }
    while true {
      let x1 = 2 * rand() - 1
      let x2 = 2 * rand() - 1
      let r2 = x1 * x1 + x2 * x2
      guard r2 < 1, r2 != 0 else { continue }
      let f = (-2 * log(r2) / r2).squareRoot()
      cachedGaussian = f * x1
      return f * x2
    }
  }

  /// `np.random.randn(count)`.
  public mutating func randn(_ count: Int) -> [Double] {
    (0..<count).map { _ in randn() }
  }

  /// `np.random.randn(rows, columns)`, filled row by row as numpy does.
  public mutating func randn(rows: Int, columns: Int) -> Matrix {
    var matrix = Matrix(rows: rows, columns: columns)
    for row in 0..<rows {
      for column in 0..<columns { matrix[row, column] = randn() }
    }
    return matrix
  }

  /// `np.random.permutation(count)`: 0..<count in a random order.
  public mutating func permutation(_ count: Int) -> [Int] {
    var values = Array(0..<count)
    values.withUnsafeMutableBufferPointer { values in
      for i in stride(from: count - 1, to: 0, by: -1) {
        values.swapAt(i, interval(i))
      }
    }
    return values
  }

  /// A value in 0...maximum, by numpy's masked rejection (`random_interval`).
  private mutating func interval(_ maximum: Int) -> Int {
    var mask = UInt64(maximum)
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    while true {
      let value: UInt64
      if maximum <= 0xFFFF_FFFF {
        value = UInt64(nextUInt32()) & mask
      } else {
        value = (UInt64(nextUInt32()) << 32 | UInt64(nextUInt32())) & mask
      }
      if value <= UInt64(maximum) { return Int(value) }
    }
  }
}
