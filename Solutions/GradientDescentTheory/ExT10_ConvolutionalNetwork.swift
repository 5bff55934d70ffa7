import Foundation
import Workbook

// Exercise T10 (★★★): practice problem 5, learning-rate schedules on a small convolutional
// network. The chapter trains on CIFAR-10; the workbook trains one 3×3 convolution layer on the
// 8×8 handwritten digits that ship with it (`Digits`), which is enough to see what a schedule does.

/// A small convolutional network: one layer of 3×3 filters with ReLU, then a softmax layer.
///
/// ```
/// for each filter c:  z_c = image ⋆ K_c + β_c   (6×6)      a_c = max(0, z_c)
/// f = (a_0, a_1, …) flattened row by row, filter after filter      p = softmax(W f + b)
/// ```
public struct ConvNetwork: Equatable, Sendable {
  /// The filters, each 3×3.
  public var kernels: [Matrix]
  /// One bias per filter.
  public var kernelBiases: [Double]
  /// The output layer's weights, classes × (filters · 36).
  public var w: Matrix
  /// The output layer's biases.
  public var b: [Double]

  /// A network with these filters, weights and biases.
  public init(kernels: [Matrix], kernelBiases: [Double], w: Matrix, b: [Double]) {
    self.kernels = kernels
    self.kernelBiases = kernelBiases
    self.w = w
    self.b = b
  }

  /// A freshly initialised network for 8×8 images: filters ~ N(0, 2/9) (He), W ~ N(0, 1/features),
  /// biases 0.
  ///
  /// - Parameters:
  ///   - filters: the number of 3×3 filters; 4 by default.
  ///   - classes: the number of outputs; 10, the digits, by default.
  ///   - random: the generator of the initial weights.
  public init(filters: Int = 4, classes: Int = Digits.classes, random: inout SeededGenerator) {
    let features = filters * 36
    kernels = (0..<filters).map { _ in
      Matrix(
        rows: 3, columns: 3,
        elements: random.gaussianVector(count: 9).map { (2.0 / 9).squareRoot() * $0 })
    }
    kernelBiases = Array(repeating: 0, count: filters)
    w = Matrix(
      rows: classes, columns: features,
      elements: random.gaussianVector(count: classes * features).map {
        (1 / Double(features)).squareRoot() * $0
      })
    b = Array(repeating: 0, count: classes)
  }
}

/// Returns the valid cross-correlation of an image with a kernel, what deep learning calls a
/// convolution.
///
/// ```
/// out[i, j] = Σ_{a, b} image[i + a, j + b] · kernel[a, b]      (the kernel is not flipped)
/// out is (rows − kr + 1) × (columns − kc + 1): 6×6 for an 8×8 image and a 3×3 kernel
/// ```
///
/// - Parameters:
///   - image: the input, at least as large as the kernel in both directions.
///   - kernel: the filter.
/// - Returns: the kernel's response at every position where it fits inside the image.
public func crossCorrelate(image: Matrix, kernel: Matrix) -> Matrix {
  // BEGIN SOLUTION
  var out = Matrix(rows: image.rows - kernel.rows + 1, columns: image.columns - kernel.columns + 1)
  for i in 0..<out.rows {
    for j in 0..<out.columns {
      var sum = 0.0
      for a in 0..<kernel.rows {
        for b in 0..<kernel.columns { sum += image[i + a, j + b] * kernel[a, b] }
      }
      out[i, j] = sum
    }
  }
  return out
  // END SOLUTION
}

/// Returns the class probabilities the network gives one 8×8 image, its forward pass.
///
/// - Parameters:
///   - network: the filters and weights.
///   - image: the image, 8×8 (`Matrix(rows: 8, columns: 8, elements: pixels)` from a row of
///     `Digits.images`).
/// - Returns: one probability per class, summing to 1.
public func forward(network: ConvNetwork, image: Matrix) -> [Double] {
  // BEGIN SOLUTION
  softmax(zip(network.w * convolutionFeatures(network: network, image: image).a, network.b).map(+))
  // END SOLUTION
}

// BEGIN SOLUTION (no stub)
/// The convolution layer's pre-activations z and activations a, flattened filter after filter.
private func convolutionFeatures(network: ConvNetwork, image: Matrix) -> (z: [Double], a: [Double])
{
  let z = zip(network.kernels, network.kernelBiases).flatMap { kernel, bias in
    crossCorrelate(image: image, kernel: kernel).elements.map { $0 + bias }
  }
  return (z, z.map { max(0, $0) })
}

/// The softmax layer on a block of rows of features `a`, part of a batch of `n`.
///
/// Returns the rows' cross-entropy losses summed and ∂L/∂a = (∂L/∂s) W, and adds ∂L/∂W =
/// (∂L/∂s)ᵀ a to `gw` and ∂L/∂b to `gb`, where ∂L/∂s_r = (p_r − onehot(y_r)) / n; `wT` is Wᵀ.
private func denseLayer(
  _ a: Matrix, labels: ArraySlice<Int>, of n: Int, network: ConvNetwork, wT: Matrix,
  gw: inout Matrix, gb: inout [Double]
) -> (loss: Double, dA: [Double]) {
  let scores = a * wT
  let classes = network.b.count
  var loss = 0.0
  // ∂L/∂s written over a copy of the scores, row by row, without an array for each row.
  var g = scores.elements
  g.withUnsafeMutableBufferPointer { rows in
    for (r, label) in zip(0..<a.rows, labels) {
      let p = rows.extracting((r * classes)..<((r + 1) * classes))
      for k in 0..<classes { p[k] += network.b[k] }
      softmax(inPlace: p)
      loss -= Foundation.log(p[label])
      p[label] -= 1
      for k in 0..<classes {
        p[k] /= Double(n)
        gb[k] += p[k]
      }
    }
  }
  let dScores = Matrix(rows: a.rows, columns: classes, elements: g)
  gw = gw + dScores.transposedTimes(a)
  return (loss, (dScores * network.w).elements)
}
// END SOLUTION

/// Returns the mean cross-entropy loss on some images, and its gradient by backpropagation.
///
/// ```
/// per image, backwards:  ∂L/∂s = p − onehot(y)      ∂L/∂W = (∂L/∂s) fᵀ     ∂L/∂b = ∂L/∂s
///                        ∂L/∂f = Wᵀ ∂L/∂s,  ∂L/∂z_c = ∂L/∂a_c · [z_c > 0]   (6×6 each)
///                        ∂L/∂K_c = image ⋆ ∂L/∂z_c   (3×3)     ∂L/∂β_c = Σ ∂L/∂z_c
/// then the mean over the images
/// ```
///
/// - Parameters:
///   - network: where to take the loss and its gradient.
///   - images: the images, one per row of 64 pixels (a minibatch, or the whole data set).
///   - labels: the class of each image.
/// - Returns: L and ∂L with respect to every filter, weight and bias, in a network of the same shape.
public func lossAndGradient(network: ConvNetwork, images: Matrix, labels: [Int]) -> (
  loss: Double, gradient: ConvNetwork
) {
  // BEGIN SOLUTION
  // The batch in blocks of up to 32 images, which stay in the cache, in flat arrays read and
  // written through their buffers, without a bounds check per entry. The block's image r has
  // feature f = c · 36 + 6i + j (filter c at position i, j, as `forward` flattens them) at
  // r · features + f; filter c's weight (u, v) is kernels[c · 9 + 3u + v]. The convolutions'
  // inner loops run along rows (`addScaled`), four entries at a time; the dense layer is three
  // matrix products.
  let (filters, classes, n) = (network.kernels.count, network.w.rows, labels.count)
  let (features, block) = (filters * 36, min(n, 32))
  let kernels = network.kernels.flatMap(\.elements)
  let wT = network.w.transposed
  var z = [Double](repeating: 0, count: block * features)
  var gw = Matrix(rows: classes, columns: features)
  var gb = [Double](repeating: 0, count: classes)
  var gKernels = [Double](repeating: 0, count: filters * 9)
  var gKernelBiases = [Double](repeating: 0, count: filters)
  var dz = [Double](repeating: 0, count: 36)
  var loss = 0.0
  for first in stride(from: 0, to: n, by: block) {
    let count = min(block, n - first)
    images.elements.withUnsafeBufferPointer { images in
      z.withUnsafeMutableBufferPointer { z in
        // z_c = image ⋆ K_c + β_c: row i of a response sums K_c[u, v] times the image's row
        // i + u from column v, over (u, v) in order.
        let x = images.baseAddress! + first * 64
        for r in 0..<count {
          for c in 0..<filters {
            for i in 0..<6 {
              let row = z.baseAddress! + (r * filters + c) * 36 + i * 6
              row.update(repeating: 0, count: 6)
              for u in 0..<3 {
                for v in 0..<3 {
                  addScaled(
                    x + r * 64 + (i + u) * 8 + v, by: kernels[c * 9 + u * 3 + v], into: row,
                    count: 6)
                }
              }
              for j in 0..<6 { row[j] += network.kernelBiases[c] }
            }
          }
        }
      }
    }
    // a = max(0, z), written straight into a new array (a `map` over the block's slice would
    // append entry by entry).
    let a = Matrix(
      rows: count, columns: features,
      elements: [Double](unsafeUninitializedCapacity: count * features) { a, initialized in
        for f in 0..<(count * features) { a[f] = max(0, z[f]) }
        initialized = count * features
      })
    let (blockLoss, dA) = denseLayer(
      a, labels: labels[first..<(first + count)], of: n, network: network, wT: wT, gw: &gw,
      gb: &gb)
    loss += blockLoss
    images.elements.withUnsafeBufferPointer { images in
      dz.withUnsafeMutableBufferPointer { dz in
        // ∂L/∂z_c = ∂L/∂a_c gated by the ReLU; ∂L/∂K_c = image ⋆ ∂L/∂z_c, a weight's sum over
        // the 6×6 positions a row at a time, its first four and last two entries side by side;
        // ∂L/∂β_c = Σ ∂L/∂z_c, summed in a register. Both entries are read before the gate, so
        // it is a select, not a branch the ReLU's pattern would mispredict half the time.
        let x = images.baseAddress! + first * 64
        for r in 0..<count {
          for c in 0..<filters {
            var biasGradient = gKernelBiases[c]
            for p in 0..<36 {
              let f = (r * filters + c) * 36 + p
              let (zf, dAf) = (z[f], dA[f])
              let gated = zf > 0 ? dAf : 0
              dz[p] = gated
              biasGradient += gated
            }
            gKernelBiases[c] = biasGradient
            for u in 0..<3 {
              for v in 0..<3 {
                var (left, right) = (SIMD4<Double>(), SIMD2<Double>())
                for i in 0..<6 {
                  let (d, image) = (dz.baseAddress! + i * 6, x + r * 64 + (i + u) * 8 + v)
                  left +=
                    SIMD4(d[0], d[1], d[2], d[3]) * SIMD4(image[0], image[1], image[2], image[3])
                  right += SIMD2(d[4], d[5]) * SIMD2(image[4], image[5])
                }
                gKernels[c * 9 + u * 3 + v] += left.sum() + right.sum()
              }
            }
          }
        }
      }
    }
  }
  let gradient = ConvNetwork(
    kernels: (0..<filters).map {
      Matrix(rows: 3, columns: 3, elements: Array(gKernels[($0 * 9)..<($0 * 9 + 9)]))
    },
    kernelBiases: gKernelBiases, w: gw, b: gb)
  return (loss / Double(n), gradient)
  // END SOLUTION
}

/// Returns the fraction of images whose most probable class is their label.
///
/// - Parameters:
///   - network: the classifier.
///   - images: the images, one per row of 64 pixels.
///   - labels: the class of each image.
/// - Returns: the accuracy, 0…1 (where two classes tie, the first counts as the prediction).
public func accuracy(network: ConvNetwork, images: Matrix, labels: [Int]) -> Double {
  // BEGIN SOLUTION
  let correct = labels.indices.filter { row in
    let p = forward(network: network, image: Matrix(rows: 8, columns: 8, elements: images.row(row)))
    return p.firstIndex(of: p.max()!) == labels[row]
  }
  return Double(correct.count) / Double(labels.count)
  // END SOLUTION
}

/// Trains the network by minibatch SGD with a learning-rate schedule.
///
/// ```
/// t = 0
/// each epoch:  shuffle the row indices with `random`
///              for each batch of batchSize consecutive indices (the last may be shorter):
///                  η = schedule(t)
///                  every filter, weight and bias θ ← θ − η ∂L/∂θ on the batch
///                  record the batch's loss and η;  t ← t + 1
///              record the loss on all of `data`
/// ```
///
/// The schedule sees the step number from 0, so it can decay within an epoch (cosine annealing,
/// the 1-cycle policy) or between epochs (step decay every k·⌈n/B⌉ steps).
///
/// - Parameters:
///   - network: the starting weights.
///   - data: the training images and labels.
///   - batchSize: images per step, ≥ 1.
///   - epochs: passes over the data, ≥ 0.
///   - schedule: the learning rate of step t = 0, 1, 2, …
///   - random: the generator for the shuffles.
/// - Returns: the trained network and its history: one minibatch loss and rate per step, one
///   training loss per epoch.
public func train(
  network: ConvNetwork, data: Digits, batchSize: Int, epochs: Int, schedule: (Int) -> Double,
  random: inout SeededGenerator
) -> (network: ConvNetwork, history: TrainingHistory) {
  // BEGIN SOLUTION
  var network = network
  var history = TrainingHistory()
  for _ in 0..<epochs {
    let order = Array(0..<data.count).shuffled(using: &random)
    for start in stride(from: 0, to: data.count, by: batchSize) {
      let rows = order[start..<min(start + batchSize, data.count)]
      let (loss, gradient) = lossAndGradient(
        network: network, images: Matrix(rows.map { data.images.row($0) }),
        labels: rows.map { data.labels[$0] })
      let rate = schedule(history.steps)
      network.kernels = zip(network.kernels, gradient.kernels).map { $0 - rate * $1 }
      network.kernelBiases = adding(network.kernelBiases, gradient.kernelBiases, scaledBy: -rate)
      network.w = network.w - rate * gradient.w
      network.b = adding(network.b, gradient.b, scaledBy: -rate)
      history.stepLosses.append(loss)
      history.learningRates.append(rate)
    }
    history.epochLosses.append(
      lossAndGradient(network: network, images: data.images, labels: data.labels).loss)
  }
  return (network, history)
  // END SOLUTION
}
