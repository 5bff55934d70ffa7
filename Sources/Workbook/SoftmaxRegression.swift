import Foundation

/// A linear softmax classifier on the handwritten digits: 64 pixels → 10 class probabilities.
///
/// ```
/// p = softmax(Wx + b)          W: 10 × 64, b: 10
/// L = −(1/|B|) Σ_{i ∈ B} log p_{yᵢ}(xᵢ)          the mean cross-entropy over a batch B
/// ∂L/∂W = (1/|B|) Σ (p − onehot(y)) xᵀ      ∂L/∂b = (1/|B|) Σ (p − onehot(y))
/// ```
///
/// The parameters are one flat vector of 650 numbers: W row by row (class 0's 64 weights first),
/// then b. The loss is convex, so every optimizer of the challenges reaches the same minimum
/// region and their curves can be compared; at θ = 0 every class has probability 1/10 and
/// L = ln 10 ≈ 2.303. Near θ = 0 the Hessian's largest eigenvalue is about 1.15 on the training
/// images, so full-batch gradient descent is stable there for lr up to about 1.7.
public struct SoftmaxRegression: TrainableModel, Sendable {
  /// The training examples; batches index its rows.
  public let data: Digits
  /// The standard deviation of the initial parameters; 0 starts from zeros.
  public let initialScale: Double
  /// The seed of the initial parameters' generator (used when `initialScale > 0`).
  public let seed: UInt64
  /// Each image's pixels that are not 0, in order.
  ///
  /// Half the digits' pixels are blank, and a blank pixel adds exactly nothing to a score or a
  /// gradient while the weights are finite.
  private let inkedPixels: [Int32]
  /// Where each image's run of `inkedPixels` starts: image i's are
  /// `inkedPixels[inkedStart[i]..<inkedStart[i + 1]]`.
  private let inkedStart: [Int]

  /// A classifier trained on `data`, starting from zeros or, when `initialScale > 0`, from
  /// N(0, initialScale²) parameters drawn by `SeededGenerator(seed: seed)`.
  public init(data: Digits, initialScale: Double = 0, seed: UInt64 = 0) {
    precondition(initialScale >= 0, "SoftmaxRegression: initialScale must be ≥ 0")
    self.data = data
    self.initialScale = initialScale
    self.seed = seed
    var pixels: [Int32] = []
    var start = [0]
    for row in 0..<data.count {
      for j in 0..<Digits.pixels where data.images.elements[row * Digits.pixels + j] != 0 {
        pixels.append(Int32(j))
      }
      start.append(pixels.count)
    }
    inkedPixels = pixels
    inkedStart = start
  }

  /// 10 × 64 weights and 10 biases.
  public var parameterCount: Int { Digits.classes * (Digits.pixels + 1) }

  public var exampleCount: Int { data.count }

  public func initialParameters() -> [Double] {
    guard initialScale > 0 else { return Array(repeating: 0, count: parameterCount) }
    var generator = SeededGenerator(seed: seed)
    return generator.gaussianVector(count: parameterCount).map { initialScale * $0 }
  }

  /// The mean cross-entropy over the rows of `batch` and its gradient.
  ///
  /// - Precondition: `parameters` has 650 entries, `batch` is not empty and indexes `data`.
  public func lossAndGradient(_ parameters: [Double], batch: [Int]) -> (
    loss: Double, gradient: [Double]
  ) {
    var gradient = [Double](repeating: 0, count: parameterCount)
    let total = gradient.withUnsafeMutableBufferPointer { g in
      accumulate(parameters, batch: batch, gradient: g)
    }
    let scale = 1 / Double(batch.count)
    for i in gradient.indices { gradient[i] *= scale }
    return (total * scale, gradient)
  }

  /// The mean cross-entropy over the rows of `batch`: the forward pass alone.
  public func loss(_ parameters: [Double], batch: [Int]) -> Double {
    accumulate(parameters, batch: batch, gradient: nil) / Double(batch.count)
  }

  /// The fraction of `data`'s rows whose most probable class is their label (a tie counts as
  /// the first of the tied classes).
  public func accuracy(_ parameters: [Double], on data: Digits) -> Double {
    precondition(parameters.count == parameterCount, "SoftmaxRegression: 650 parameters")
    guard data.count > 0 else { return 0 }
    let weights = Self.byPixel(parameters)
    var correct = 0
    var scores = [Double](repeating: 0, count: Digits.classes)
    weights.withUnsafeBufferPointer { w in
      data.images.elements.withUnsafeBufferPointer { pixels in
        scores.withUnsafeMutableBufferPointer { s in
          for row in 0..<data.count {
            Self.scores(
              w.baseAddress!, pixels: pixels.baseAddress! + row * Digits.pixels,
              into: s.baseAddress!)
            if s.firstIndex(of: s.max()!) == data.labels[row] { correct += 1 }
          }
        }
      }
    }
    return Double(correct) / Double(data.count)
  }

  /// The scores Wx + b of one image (the softmax's input).
  public static func scores(_ parameters: [Double], pixels x: [Double]) -> [Double] {
    let (k, d) = (Digits.classes, Digits.pixels)
    precondition(
      parameters.count == k * (d + 1) && x.count == d,
      "SoftmaxRegression: \(parameters.count) parameters and \(x.count) pixels")
    return [Double](unsafeUninitializedCapacity: k) { s, initialized in
      byPixel(parameters).withUnsafeBufferPointer { w in
        x.withUnsafeBufferPointer { x in
          scores(w.baseAddress!, pixels: x.baseAddress!, into: s.baseAddress!)
        }
      }
      initialized = k
    }
  }

  /// The summed loss over `batch`; adds the summed gradient into `gradient` when it is given.
  private func accumulate(
    _ parameters: [Double], batch: [Int], gradient: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let (k, d) = (Digits.classes, Digits.pixels)
    precondition(
      parameters.count == k * (d + 1),
      "SoftmaxRegression: \(parameters.count) parameters, expected \(k * (d + 1))")
    precondition(!batch.isEmpty, "SoftmaxRegression: an empty batch has no mean loss")
    let labels = data.labels
    var total = 0.0
    var scores = [Double](repeating: 0, count: k)
    let weights = Self.byPixel(parameters)
    // A blank pixel times an infinite or NaN weight is NaN, not nothing: such weights take
    // every pixel.
    let skipsBlanks = parameters.allSatisfy(\.isFinite)
    let taken = skipsBlanks ? inkedPixels : Self.everyPixel
    // The gradient is summed pixel by pixel (`byPixel`'s layout), each skipped pixel's ten entries
    // untouched, then added into `gradient` class by class.
    let summed = gradient == nil ? 0 : k * (d + 1)
    let byPixelGradient = UnsafeMutablePointer<Double>.allocate(capacity: summed)
    byPixelGradient.initialize(repeating: 0, count: summed)
    defer { byPixelGradient.deallocate() }
    weights.withUnsafeBufferPointer { w in
      data.images.elements.withUnsafeBufferPointer { pixels in
        taken.withUnsafeBufferPointer { taken in
          scores.withUnsafeMutableBufferPointer { s in
            for row in batch {
              precondition(
                row >= 0 && row < labels.count, "SoftmaxRegression: row \(row) is not in the data")
              let x = pixels.baseAddress! + row * d
              let (first, count) =
                skipsBlanks ? (inkedStart[row], inkedStart[row + 1] - inkedStart[row]) : (0, d)
              Self.scores(
                w.baseAddress!, pixels: x, at: taken.baseAddress! + first, count: count,
                into: s.baseAddress!)
              var largest = -Double.infinity
              for c in 0..<k { largest = Swift.max(largest, s[c]) }
              let label = labels[row]
              let labelScore = s[label]
              var sum = 0.0
              for c in 0..<k {
                s[c] = Foundation.exp(s[c] - largest)
                sum += s[c]
              }
              // log p_y = (s_y − max) − log Σ exp(s_c − max): finite even where p_y underflows.
              total -= labelScore - largest - Foundation.log(sum)
              guard gradient != nil else { continue }
              for c in 0..<k {
                s[c] = s[c] / sum - (c == label ? 1 : 0)
                byPixelGradient[k * d + c] += s[c]
              }
              Self.addByPixel(
                s.baseAddress!, byPixels: x, at: taken.baseAddress! + first, count: count,
                into: byPixelGradient)
            }
          }
        }
      }
    }
    if let g = gradient {
      for c in 0..<k {
        for j in 0..<d { g[c * d + j] += byPixelGradient[j * k + c] }
        g[k * d + c] += byPixelGradient[k * d + c]
      }
    }
    return total
  }

  /// Adds `delta` (ten classes) times each of the `count` pixels listed at `inked` into that
  /// pixel's ten entries of `gradient`, laid out as `byPixel` lays out the weights: every entry
  /// gets exactly `entry + delta_c · x_j`, as the class-by-class sum gives.
  private static func addByPixel(
    _ delta: UnsafePointer<Double>, byPixels x: UnsafePointer<Double>,
    at inked: UnsafePointer<Int32>, count: Int, into gradient: UnsafeMutablePointer<Double>
  ) {
    let k = Digits.classes
    let first = UnsafeRawPointer(delta).loadUnaligned(as: SIMD8<Double>.self)
    let last = UnsafeRawPointer(delta).loadUnaligned(fromByteOffset: 64, as: SIMD2<Double>.self)
    for index in 0..<count {
      let j = Int(inked[index])
      let xj = x[j]
      let entries = UnsafeMutableRawPointer(gradient + j * k)
      entries.storeBytes(
        of: entries.loadUnaligned(as: SIMD8<Double>.self) + first * xj, as: SIMD8<Double>.self)
      entries.storeBytes(
        of: entries.loadUnaligned(fromByteOffset: 64, as: SIMD2<Double>.self) + last * xj,
        toByteOffset: 64, as: SIMD2<Double>.self)
    }
  }

  /// The parameters with W transposed: pixel j's ten weights side by side at `10j`, then b at 640,
  /// so that `scores` reads each pixel's weights of every class as one run of memory.
  private static func byPixel(_ parameters: [Double]) -> [Double] {
    let (k, d) = (Digits.classes, Digits.pixels)
    return [Double](unsafeUninitializedCapacity: k * (d + 1)) { w, initialized in
      for c in 0..<k {
        for j in 0..<d { w[j * k + c] = parameters[c * d + j] }
        w[k * d + c] = parameters[k * d + c]
      }
      initialized = k * (d + 1)
    }
  }

  /// s_c = b_c + Σ_j W[c, j] x_j for every class, into `s`, from `w`, the parameters `byPixel`.
  private static func scores(
    _ w: UnsafePointer<Double>, pixels x: UnsafePointer<Double>,
    into s: UnsafeMutablePointer<Double>
  ) {
    everyPixel.withUnsafeBufferPointer {
      scores(w, pixels: x, at: $0.baseAddress!, count: $0.count, into: s)
    }
  }

  /// The indices of an image's pixels, 0 to 63.
  private static let everyPixel = (0..<Int32(Digits.pixels)).map { $0 }

  /// The scores over the `count` pixels listed at `inked` alone, in their order: the same sums
  /// as over every pixel when every other pixel is 0 and the weights are finite.
  ///
  /// Each sum starts at the bias and adds the pixels in order; the ten classes are summed side by
  /// side, eight and two to a vector, so that their additions overlap instead of each waiting on
  /// the last.
  private static func scores(
    _ w: UnsafePointer<Double>, pixels x: UnsafePointer<Double>, at inked: UnsafePointer<Int32>,
    count: Int, into s: UnsafeMutablePointer<Double>
  ) {
    let (k, d) = (Digits.classes, Digits.pixels)
    precondition(k == 10, "SoftmaxRegression.scores sums ten classes")
    let raw = UnsafeRawPointer(w)
    let stride = k * MemoryLayout<Double>.stride
    var first = raw.loadUnaligned(fromByteOffset: k * d * 8, as: SIMD8<Double>.self)
    var last = raw.loadUnaligned(fromByteOffset: (k * d + 8) * 8, as: SIMD2<Double>.self)
    for index in 0..<count {
      let j = Int(inked[index])
      let xj = x[j]
      first += raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<Double>.self) * xj
      last += raw.loadUnaligned(fromByteOffset: j * stride + 64, as: SIMD2<Double>.self) * xj
    }
    let out = UnsafeMutableRawPointer(s)
    out.storeBytes(of: first, as: SIMD8<Double>.self)
    out.storeBytes(of: last, toByteOffset: 64, as: SIMD2<Double>.self)
  }
}
