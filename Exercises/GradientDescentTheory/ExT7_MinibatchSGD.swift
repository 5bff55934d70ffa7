import Workbook

// Exercise T7 (★★): minibatch SGD on the chapter's linear regression (§3.3), and the law behind
// the batch size (§3.4): the variance of a minibatch gradient falls like 1/|B|.

/// Returns the mean squared error loss of a linear model, halved.
///
/// ```
/// L(w) = ½ · mean over the rows i of (x_iᵀw − y_i)²
/// ```
///
/// - Parameters:
///   - w: the weights, one per column of X.
///   - X: the data, one example per row.
///   - y: the targets, one per row of X.
/// - Returns: L(w).
public func mseLoss(w: [Double], X: Matrix, y: [Double]) -> Double {
  unimplemented()
}

/// Returns the gradient of `mseLoss` on the rows given.
///
/// ```
/// ∇L(w) = Xᵀ(Xw − y) / n          n = the number of rows
/// ```
///
/// - Parameters:
///   - w: the weights.
///   - X: the rows (the whole data set, or a minibatch).
///   - y: their targets.
/// - Returns: ∇L(w) on those rows.
public func mseGradient(w: [Double], X: Matrix, y: [Double]) -> [Double] {
  unimplemented()
}

/// Trains the linear model with minibatch SGD, as the chapter's `sgd_minibatch`.
///
/// ```
/// w = 0
/// each epoch:  order = random.permutation(n)
///              for each batch of batchSize consecutive rows of that order (the last may be shorter):
///                  w ← w − η ∇L(w) on the batch
///              record L(w) on all the data
/// ```
///
/// With `NumpyRandomState` this is the document's run: the same shuffles, the same numbers.
///
/// - Parameters:
///   - X: the data, one example per row.
///   - y: the targets.
///   - batchSize: rows per batch, ≥ 1 (n or more: full-batch gradient descent).
///   - learningRate: η.
///   - nEpochs: passes over the data, ≥ 0.
///   - random: numpy's generator, for the shuffles.
/// - Returns: the final weights and the loss on all the data after each epoch.
public func sgdMinibatch(
  X: Matrix, y: [Double], batchSize: Int, learningRate: Double, nEpochs: Int,
  random: inout NumpyRandomState
) -> (w: [Double], losses: [Double]) {
  unimplemented()
}

/// Measures how far a minibatch gradient strays from the full one, on average.
///
/// ```
/// for each of nSamples draws:  B = the first batchSize entries of random.permutation(n)
///                              d = ‖∇L_B(w) − ∇L(w)‖²
/// returns the mean of d        (≈ σ²/|B| for |B| ≪ n)
/// ```
///
/// - Parameters:
///   - w: where to take the gradients.
///   - X: the data.
///   - y: the targets.
///   - batchSize: |B|, 1 ≤ |B| ≤ n.
///   - nSamples: how many minibatches to draw, ≥ 1.
///   - random: numpy's generator, for the draws.
/// - Returns: the mean squared distance of the minibatch gradient from the full gradient.
public func gradientVariance(
  w: [Double], X: Matrix, y: [Double], batchSize: Int, nSamples: Int,
  random: inout NumpyRandomState
) -> Double {
  unimplemented()
}
