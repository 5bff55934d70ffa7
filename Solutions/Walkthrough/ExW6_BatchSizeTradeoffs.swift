import Foundation
import Workbook

// Exercise W6 (★★): the walkthrough's batch-size trade-offs on its regression set (n = 10,000,
// five features): train with batch sizes 1 to the full batch, and measure the gradient's
// variance. With `NumpyRandomState(seed: 42)` the data, the shuffles and the samples are the
// walkthrough's own, so its table can be reproduced number for number.

/// The walkthrough's `train`: minibatch gradient descent on the mean squared error, stopping
/// once the loss is below 0.3.
///
/// ```
/// loss(w) = mean (Xw − y)²,   gradient on rows B: 2 X_Bᵀ(X_B w − y_B) / |B|
/// each epoch:  batchSize ≥ n:  one step with the full gradient; its variance counts as 0
///              otherwise:      order = random.permutation(n); a step per batch of consecutive
///                              entries; the epoch's variance is the variance of all the entries
///                              of all its batch gradients together (numpy's np.var of the list)
///              record loss(w); stop if it is below 0.3
/// ```
///
/// - Parameters:
///   - X: the data, one example per row.
///   - y: the targets.
///   - batchSize: rows per batch, ≥ 1.
///   - lr: the learning rate, default 0.01.
///   - maxEpochs: the most epochs, default 50.
///   - random: numpy's generator, for the shuffles.
/// - Returns: the weights, the loss after each epoch, and each epoch's gradient variance.
public func train(
  X: Matrix, y: [Double], batchSize: Int, lr: Double = 0.01, maxEpochs: Int = 50,
  random: inout NumpyRandomState
) -> (w: [Double], losses: [Double], gradVariances: [Double]) {
  // BEGIN SOLUTION
  let n = y.count
  var w = [Double](repeating: 0, count: X.columns)
  var losses: [Double] = []
  var variances: [Double] = []
  for _ in 0..<maxEpochs {
    if batchSize >= n {
      w = adding(w, batchGradient(w: w, X: X, y: y, rows: Array(0..<n)), scaledBy: -lr)
      variances.append(0)
    } else {
      let order = random.permutation(n)
      var entries: [Double] = []
      for start in stride(from: 0, to: n, by: batchSize) {
        let g = batchGradient(
          w: w, X: X, y: y, rows: Array(order[start..<min(start + batchSize, n)]))
        entries += g
        w = adding(w, g, scaledBy: -lr)
      }
      variances.append(variance(entries))
    }
    let residuals = zip(X * w, y).map { $0 - $1 }
    losses.append(dot(residuals, residuals) / Double(n))
    if losses[losses.count - 1] < 0.3 { break }
  }
  return (w, losses, variances)
  // END SOLUTION
}

/// The walkthrough's gradient-variance analysis: the variance of the norm of the minibatch
/// gradient at w over `samples` batches drawn without replacement.
///
/// ```
/// for each sample:  B = random.choice(n, batchSize, replace=False)   (the first batchSize
///                                                                     entries of a permutation)
///                   record ‖gradient on B at w‖
/// returns the variance of the recorded norms (population variance, as np.var)
/// ```
///
/// - Parameters:
///   - X: the data.
///   - y: the targets.
///   - w: where to take the gradients.
///   - batchSize: |B|.
///   - samples: how many batches, default 100.
///   - random: numpy's generator.
/// - Returns: the variance of the gradient norms.
public func gradientNormVariance(
  X: Matrix, y: [Double], w: [Double], batchSize: Int, samples: Int = 100,
  random: inout NumpyRandomState
) -> Double {
  // BEGIN SOLUTION
  let norms = (0..<samples).map { _ in
    norm(
      batchGradient(w: w, X: X, y: y, rows: Array(random.permutation(y.count).prefix(batchSize))))
  }
  return variance(norms)
  // END SOLUTION
}

/// Returns how many updates a run made: one per batch in every epoch, ⌈n / batchSize⌉ a
/// full epoch (one for the full batch).
public func updates(epochs: Int, batchSize: Int, n: Int) -> Int {
  // BEGIN SOLUTION
  epochs * ((n + batchSize - 1) / batchSize)
  // END SOLUTION
}

// BEGIN SOLUTION (no stub)
/// 2 X_Bᵀ(X_B w − y_B) / |B| over the given rows.
private func batchGradient(w: [Double], X: Matrix, y: [Double], rows: [Int]) -> [Double] {
  var gradient = [Double](repeating: 0, count: w.count)
  for row in rows {
    // The row read in place, not copied: this runs for every row of every batch.
    let start = row * X.columns
    var prediction = 0.0
    for j in w.indices { prediction += X.elements[start + j] * w[j] }
    let residual = prediction - y[row]
    for j in w.indices { gradient[j] += 2 * X.elements[start + j] * residual }
  }
  return gradient.map { $0 / Double(rows.count) }
}

/// The population variance, as numpy's `var`.
private func variance(_ values: [Double]) -> Double {
  let mean = values.reduce(0, +) / Double(values.count)
  return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
}
// END SOLUTION
