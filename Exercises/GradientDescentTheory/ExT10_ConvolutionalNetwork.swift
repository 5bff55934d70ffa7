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
  unimplemented()
}

/// Returns the class probabilities the network gives one 8×8 image, its forward pass.
///
/// - Parameters:
///   - network: the filters and weights.
///   - image: the image, 8×8 (`Matrix(rows: 8, columns: 8, elements: pixels)` from a row of
///     `Digits.images`).
/// - Returns: one probability per class, summing to 1.
public func forward(network: ConvNetwork, image: Matrix) -> [Double] {
  unimplemented()
}

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
  unimplemented()
}

/// Returns the fraction of images whose most probable class is their label.
///
/// - Parameters:
///   - network: the classifier.
///   - images: the images, one per row of 64 pixels.
///   - labels: the class of each image.
/// - Returns: the accuracy, 0…1 (where two classes tie, the first counts as the prediction).
public func accuracy(network: ConvNetwork, images: Matrix, labels: [Int]) -> Double {
  unimplemented()
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
  unimplemented()
}
