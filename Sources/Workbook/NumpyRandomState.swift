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
  /// The outputs of the state in `mt`, tempered together after each twist.
  private var outputs = [UInt32](repeating: 0, count: 624)
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
    let y = outputs.withUnsafeBufferPointer { $0[index] }
    index += 1
    return y
  }

  private mutating func twist() {
    mt.withUnsafeMutableBufferPointer { mt in
      outputs.withUnsafeMutableBufferPointer { Self.twist(mt, temperingInto: $0) }
    }
    index = 0
  }

  /// Twists the state `mt` and tempers its new outputs into `outputs`.
  private static func twist(
    _ mt: UnsafeMutableBufferPointer<UInt32>,
    temperingInto outputs: UnsafeMutableBufferPointer<UInt32>
  ) {
    // In place, in order, as the reference code: entries past i are still the old state. The
    // three ranges of i (far ahead, far behind, the last wrapping to 0) run as loops of their own.
    for i in 0..<227 { twist(mt, i, next: i + 1, far: i + 397) }
    for i in 227..<623 { twist(mt, i, next: i + 1, far: i - 227) }
    twist(mt, 623, next: 0, far: 396)
    // Tempered in one loop, several entries per instruction, rather than one by one as drawn.
    for i in 0..<624 {
      var y = mt[i]
      y ^= y >> 11
      y ^= (y << 7) & 0x9D2C_5680
      y ^= (y << 15) & 0xEFC6_0000
      y ^= y >> 18
      outputs[i] = y
    }
  }

  /// Entry `i` of the twist, from its top bit, the low bits of entry `next` and entry `far`.
  @inline(__always)
  private static func twist(
    _ mt: UnsafeMutableBufferPointer<UInt32>, _ i: Int, next: Int, far: Int
  ) {
    let y = (mt[i] & 0x8000_0000) | (mt[next] & 0x7FFF_FFFF)
    mt[i] = mt[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_B0DF)
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
    // The draws in a loop of its own, the state's position held in a local.
    var next = index
    values.withUnsafeMutableBufferPointer { values in
      mt.withUnsafeMutableBufferPointer { mt in
        outputs.withUnsafeMutableBufferPointer { outputs in
          for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Self.interval(i) {
              if next >= 624 {
                Self.twist(mt, temperingInto: outputs)
                next = 0
              }
              next += 1
              return outputs[next - 1]
            }
            values.swapAt(i, j)
          }
        }
      }
    }
    index = next
    return values
  }

  /// A value in 0...maximum from the 32-bit outputs of `draw`, by numpy's masked rejection
  /// (`random_interval`).
  @inline(__always)
  private static func interval(_ maximum: Int, _ draw: () -> UInt32) -> Int {
    // The smallest mask of low ones that covers maximum (numpy ors in its shifted copies).
    let mask = UInt64.max >> UInt64(maximum).leadingZeroBitCount
    if maximum <= 0xFFFF_FFFF {
      while true {
        let value = UInt64(draw()) & mask
        if value <= UInt64(maximum) { return Int(value) }
      }
    }
    while true {
      let value = (UInt64(draw()) << 32 | UInt64(draw())) & mask
      if value <= UInt64(maximum) { return Int(value) }
    }
  }
}
