import Foundation

/// A reproducible random number generator, so that every test sees the same "random" numbers.
///
/// It is SplitMix64 (Steele, Lea & Flood 2014, the generator behind Java's `SplittableRandom`):
/// one word of state, passes BigCrush, and is easy to reproduce in Python to check numbers.
/// Not for cryptography.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose sequence is fixed by `seed`; any value, including 0, is a good seed.
  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A sample of the standard normal distribution, by the Box–Muller transform.
  ///
  /// Uses two outputs of ``next()`` per sample and discards the transform's second normal, so
  /// the sequence depends only on the seed and the number of calls.
  public mutating func nextGaussian() -> Double {
    // The top 53 bits as a multiple of 2⁻⁵³: u1 in (0, 1] so log never sees 0, u2 in [0, 1).
    let u1 = Double((next() >> 11) + 1) * 0x1p-53
    let u2 = Double(next() >> 11) * 0x1p-53
    return (-2 * log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
  }

  /// `count` independent standard normal samples.
  public mutating func gaussianVector(count: Int) -> [Double] {
    (0..<count).map { _ in nextGaussian() }
  }
}
