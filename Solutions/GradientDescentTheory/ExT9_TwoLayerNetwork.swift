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
  let (hiddenCount, inputCount, classCount) = (network.w1.rows, network.w1.columns, network.w2.rows)
  let w2 = network.w2.elements
  var gw1 = [Double](repeating: 0, count: hiddenCount * inputCount)
  var gb1 = [Double](repeating: 0, count: hiddenCount)
  var gw2 = [Double](repeating: 0, count: classCount * hiddenCount)
  var gb2 = [Double](repeating: 0, count: classCount)
  var loss = 0.0
  for (row, label) in labels.enumerated() {
    let x = X.row(row)
    let z = zip(network.w1 * x, network.b1).map(+)
    let a = z.map { max(0, $0) }
    var dScores = softmax(zip(network.w2 * a, network.b2).map(+))
    loss -= Foundation.log(dScores[label])
    dScores[label] -= 1
    var dHidden = [Double](repeating: 0, count: hiddenCount)
    for k in 0..<classCount {
      gb2[k] += dScores[k]
      for j in 0..<hiddenCount {
        gw2[k * hiddenCount + j] += dScores[k] * a[j]
        dHidden[j] += w2[k * hiddenCount + j] * dScores[k]
      }
    }
    for j in 0..<hiddenCount where z[j] > 0 {
      gb1[j] += dHidden[j]
      for i in 0..<inputCount { gw1[j * inputCount + i] += dHidden[j] * x[i] }
    }
  }
  let n = Double(labels.count)
  let gradient = TwoLayerNetwork(
    w1: Matrix(rows: hiddenCount, columns: inputCount, elements: gw1.map { $0 / n }),
    b1: gb1.map { $0 / n },
    w2: Matrix(rows: classCount, columns: hiddenCount, elements: gw2.map { $0 / n }),
    b2: gb2.map { $0 / n })
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
