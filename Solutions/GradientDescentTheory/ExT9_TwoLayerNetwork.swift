import Foundation
import Workbook

// Exercise T9 (★★★): practice problem 2, SGD versus batch gradient descent on a two-layer
// network. The chapter trains on MNIST; the workbook trains on the UCI handwritten digits that
// ship with it (`Digits`, 8×8 images), so the comparison runs anywhere in seconds.

/// A two-layer network: 64 pixels → a hidden layer of ReLU units → 10 class probabilities.
///
/// ```
/// z = W₁x + b₁      a = max(0, z)      s = W₂a + b₂      p = softmax(s)
/// ```
public struct TwoLayerNetwork: Equatable, Sendable {
  /// The hidden layer's weights, hidden × inputs.
  public var w1: Matrix
  /// The hidden layer's biases.
  public var b1: [Double]
  /// The output layer's weights, classes × hidden.
  public var w2: Matrix
  /// The output layer's biases.
  public var b2: [Double]

  /// A network with these weights and biases.
  public init(w1: Matrix, b1: [Double], w2: Matrix, b2: [Double]) {
    self.w1 = w1
    self.b1 = b1
    self.w2 = w2
    self.b2 = b2
  }

  /// A freshly initialised network: W₁ ~ N(0, 2/inputs) (He, for ReLU units), W₂ ~ N(0, 1/hidden),
  /// biases 0, so the initial loss is about ln 10 ≈ 2.3 on ten classes.
  ///
  /// - Parameters:
  ///   - inputs: the input size; 64, the pixels of a digit, by default.
  ///   - hidden: the number of hidden units; 32 by default.
  ///   - classes: the number of outputs; 10, the digits, by default.
  ///   - random: the generator of the initial weights.
  public init(
    inputs: Int = Digits.pixels, hidden: Int = 32, classes: Int = Digits.classes,
    random: inout SeededGenerator
  ) {
    let inputScale = (2 / Double(inputs)).squareRoot()
    let hiddenScale = (1 / Double(hidden)).squareRoot()
    w1 = Matrix(
      rows: hidden, columns: inputs,
      elements: random.gaussianVector(count: hidden * inputs).map { inputScale * $0 })
    b1 = Array(repeating: 0, count: hidden)
    w2 = Matrix(
      rows: classes, columns: hidden,
      elements: random.gaussianVector(count: classes * hidden).map { hiddenScale * $0 })
    b2 = Array(repeating: 0, count: classes)
  }
}

/// Returns the class probabilities the network gives one input, its forward pass.
///
/// ```
/// p = softmax(W₂ max(0, W₁x + b₁) + b₂)
/// ```
///
/// - Parameters:
///   - network: the weights and biases.
///   - x: one input (a digit's 64 pixels).
/// - Returns: one probability per class, summing to 1. `softmax` is in the library.
public func forward(network: TwoLayerNetwork, x: [Double]) -> [Double] {
  // BEGIN SOLUTION
  let hidden = zip(network.w1 * x, network.b1).map { max(0, $0 + $1) }
  return softmax(zip(network.w2 * hidden, network.b2).map(+))
  // END SOLUTION
}

/// Returns the mean cross-entropy loss on some rows, and its gradient by backpropagation.
///
/// ```
/// L = −(1/n) Σᵢ log p_{yᵢ}(xᵢ)
/// per row, backwards:  ∂L/∂s = p − onehot(y)          ∂L/∂W₂ = (∂L/∂s) aᵀ     ∂L/∂b₂ = ∂L/∂s
///                      ∂L/∂z = (W₂ᵀ ∂L/∂s) · [z > 0]  ∂L/∂W₁ = (∂L/∂z) xᵀ     ∂L/∂b₁ = ∂L/∂z
/// then the mean over the rows
/// ```
///
/// - Parameters:
///   - network: where to take the loss and its gradient.
///   - X: the inputs, one per row (a minibatch, or the whole data set).
///   - labels: the class of each row.
/// - Returns: L and ∂L with respect to every weight and bias, held in a network of the same shape.
public func lossAndGradient(network: TwoLayerNetwork, X: Matrix, labels: [Int]) -> (
  loss: Double, gradient: TwoLayerNetwork
) {
  // BEGIN SOLUTION
  // The whole batch at once, one row per input, as the chapter's numpy code does it.
  let n = Double(labels.count)
  let z = addingToEachRow(network.b1, X.timesTransposed(network.w1))
  let a = Matrix(rows: z.rows, columns: z.columns, elements: z.elements.map { max(0, $0) })
  let scores = addingToEachRow(network.b2, a.timesTransposed(network.w2))
  var loss = 0.0
  // ∂L/∂s written over a copy of the scores, row by row, without an array for each row.
  var dScores = scores.elements
  dScores.withUnsafeMutableBufferPointer { rows in
    for (row, label) in labels.enumerated() {
      let p = rows.extracting((row * scores.columns)..<((row + 1) * scores.columns))
      softmax(inPlace: p)
      loss -= Foundation.log(p[label])
      p[label] -= 1
      for k in p.indices { p[k] /= n }
    }
  }
  let g = Matrix(rows: scores.rows, columns: scores.columns, elements: dScores)
  let dHidden = g * network.w2
  let dz = Matrix(
    rows: z.rows, columns: z.columns,
    elements: zip(dHidden.elements, z.elements).map { $1 > 0 ? $0 : 0 })
  let gradient = TwoLayerNetwork(
    w1: dz.transposedTimes(X), b1: columnSums(dz), w2: g.transposedTimes(a), b2: columnSums(g))
  return (loss / n, gradient)
  // END SOLUTION
}

/// Returns the fraction of rows whose most probable class is their label.
///
/// - Parameters:
///   - network: the classifier.
///   - X: the inputs, one per row.
///   - labels: the class of each row.
/// - Returns: the accuracy, 0…1 (where two classes tie, the first counts as the prediction).
public func accuracy(network: TwoLayerNetwork, X: Matrix, labels: [Int]) -> Double {
  // BEGIN SOLUTION
  let correct = labels.indices.filter { row in
    let p = forward(network: network, x: X.row(row))
    return p.firstIndex(of: p.max()!) == labels[row]
  }
  return Double(correct.count) / Double(labels.count)
  // END SOLUTION
}

/// Trains the network by minibatch SGD: batch gradient descent, SGD and everything between.
///
/// ```
/// each epoch:  shuffle the row indices with `random`
///              for each batch of batchSize consecutive indices (the last may be shorter):
///                  (L, ∂L) = lossAndGradient on the batch
///                  every weight and bias θ ← θ − η ∂L/∂θ
///                  record L and η
///              record the loss on all of `data`
/// ```
///
/// A batch of `data.count` or more is batch gradient descent (one step an epoch); a batch of 1
/// is SGD (`data.count` steps an epoch).
///
/// - Parameters:
///   - network: the starting weights.
///   - data: the training images and labels.
///   - batchSize: rows per step, ≥ 1.
///   - learningRate: η > 0.
///   - epochs: passes over the data, ≥ 0.
///   - random: the generator for the shuffles.
/// - Returns: the trained network and its history: one minibatch loss and rate per step, one
///   training loss per epoch.
public func train(
  network: TwoLayerNetwork, data: Digits, batchSize: Int, learningRate: Double, epochs: Int,
  random: inout SeededGenerator
) -> (network: TwoLayerNetwork, history: TrainingHistory) {
  // BEGIN SOLUTION
  var network = network
  var history = TrainingHistory()
  for _ in 0..<epochs {
    let order = Array(0..<data.count).shuffled(using: &random)
    for start in stride(from: 0, to: data.count, by: batchSize) {
      let rows = order[start..<min(start + batchSize, data.count)]
      let batch = Matrix(rows.map { data.images.row($0) })
      let (loss, gradient) = lossAndGradient(
        network: network, X: batch, labels: rows.map { data.labels[$0] })
      network.w1 = network.w1 - learningRate * gradient.w1
      network.b1 = adding(network.b1, gradient.b1, scaledBy: -learningRate)
      network.w2 = network.w2 - learningRate * gradient.w2
      network.b2 = adding(network.b2, gradient.b2, scaledBy: -learningRate)
      history.stepLosses.append(loss)
      history.learningRates.append(learningRate)
    }
    history.epochLosses.append(
      lossAndGradient(network: network, X: data.images, labels: data.labels).loss)
  }
  return (network, history)
  // END SOLUTION
}

// BEGIN SOLUTION (no stub)
/// `m` with `v` added to each of its rows (a bias added to every input's layer).
private func addingToEachRow(_ v: [Double], _ m: Matrix) -> Matrix {
  var elements = m.elements
  for start in stride(from: 0, to: elements.count, by: m.columns) {
    for j in v.indices { elements[start + j] += v[j] }
  }
  return Matrix(rows: m.rows, columns: m.columns, elements: elements)
}

/// The sum of `m`'s rows (a bias's gradient, summed over the inputs).
private func columnSums(_ m: Matrix) -> [Double] {
  var sums = [Double](repeating: 0, count: m.columns)
  for start in stride(from: 0, to: m.elements.count, by: m.columns) {
    for j in sums.indices { sums[j] += m.elements[start + j] }
  }
  return sums
}
// END SOLUTION
