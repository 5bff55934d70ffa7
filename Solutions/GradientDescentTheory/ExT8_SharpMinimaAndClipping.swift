import Foundation
import Workbook

// Exercise T8 (★★): §7.2 and §7.3: how much a loss rises when the weights are perturbed near a
// sharp and a flat minimum, and an exploding gradient in a small recurrent network, clipped by
// norm and by value.

/// The sharp minimum of §7.2, x² + y² (the surface the chapter plots, without its noise term).
public func sharpMinimum(_ w: [Double]) -> Double {
  // BEGIN SOLUTION
  w[0] * w[0] + w[1] * w[1]
  // END SOLUTION
}

/// The flat minimum of §7.2, 0.1x² + 0.1y² (the surface the chapter plots, without its noise).
public func flatMinimum(_ w: [Double]) -> Double {
  // BEGIN SOLUTION
  0.1 * (w[0] * w[0] + w[1] * w[1])
  // END SOLUTION
}

/// Measures how much a loss rises, on average, when the weights move a fixed distance in a
/// random direction.
///
/// ```
/// for each sample:  u = random.randn(dim), δ = radius · u / ‖u‖     (a uniform direction)
///                   rise = loss(w + δ) − loss(w)
/// returns the mean rise
/// ```
///
/// - Parameters:
///   - loss: the loss function.
///   - w: the weights, usually a minimum.
///   - radius: the length of each perturbation, > 0.
///   - samples: how many directions to draw, ≥ 1.
///   - random: numpy's generator, for the directions.
/// - Returns: the mean rise of the loss.
public func lossIncrease(
  loss: ([Double]) -> Double, at w: [Double], radius: Double, samples: Int,
  random: inout NumpyRandomState
) -> Double {
  // BEGIN SOLUTION
  let base = loss(w)
  var total = 0.0
  for _ in 0..<samples {
    let u = random.randn(w.count)
    total += loss(adding(w, u, scaledBy: radius / norm(u))) - base
  }
  return total / Double(samples)
  // END SOLUTION
}

/// Runs the small recurrent network of §7.3 and returns its loss and the loss's gradient with
/// respect to W, by backpropagation through time.
///
/// ```
/// h_{t+1} = tanh(W h_t)   for t = 0 … steps − 1,     loss = Σᵢ h_steps[i]
/// backward:  δ = (1, …, 1);  for t = steps − 1 down to 0:
///            a = δ ⊙ (1 − h_{t+1}²);   ∂loss/∂W += a h_tᵀ;   δ = Wᵀ a
/// ```
///
/// - Parameters:
///   - W: the square recurrent weight matrix.
///   - h0: the first hidden state.
///   - steps: how many times the cell is applied, ≥ 0.
/// - Returns: the loss and ∂loss/∂W (a matrix shaped like W).
public func rnnLossGradient(W: Matrix, h0: [Double], steps: Int) -> (
  loss: Double, gradient: Matrix
) {
  // BEGIN SOLUTION
  var states = [h0]
  for _ in 0..<steps { states.append((W * states[states.count - 1]).map(tanh)) }
  var delta = [Double](repeating: 1, count: h0.count)
  var gradient = Matrix(rows: W.rows, columns: W.columns)
  for t in stride(from: steps - 1, through: 0, by: -1) {
    let a = zip(delta, states[t + 1]).map { $0 * (1 - $1 * $1) }
    gradient = gradient + outer(a, states[t])
    delta = W.transposed * a
  }
  return (states[steps].reduce(0, +), gradient)
  // END SOLUTION
}

/// Clips a gradient by its norm: scaled down to norm maxNorm when it is longer, else unchanged.
///
/// ```
/// g̃ = g                      if ‖g‖ ≤ θ
/// g̃ = θ · g / ‖g‖            otherwise        (‖g‖: the Frobenius norm, over all entries)
/// ```
///
/// - Parameters:
///   - gradient: the gradient g.
///   - maxNorm: the threshold θ > 0.
/// - Returns: g̃.
public func clipGradientNorm(_ gradient: Matrix, maxNorm: Double) -> Matrix {
  // BEGIN SOLUTION
  let length = norm(gradient.elements)
  return length <= maxNorm ? gradient : (maxNorm / length) * gradient
  // END SOLUTION
}

/// Clips every entry of a gradient to [−maxValue, maxValue].
///
/// ```
/// g̃ᵢ = max(−θ, min(θ, gᵢ))
/// ```
///
/// A NaN entry stays NaN, as with `np.clip` and PyTorch's `clip_grad_value_`: a gradient that
/// exploded must stay visible. (Swift's `min(θ, .nan)` is θ: compare instead.)
///
/// - Parameters:
///   - gradient: the gradient g.
///   - maxValue: the threshold θ > 0.
/// - Returns: g̃.
public func clipGradientValue(_ gradient: Matrix, maxValue: Double) -> Matrix {
  // BEGIN SOLUTION
  var clipped = gradient
  for i in 0..<gradient.rows {
    for j in 0..<gradient.columns {
      let entry = gradient[i, j]
      clipped[i, j] = entry > maxValue ? maxValue : entry < -maxValue ? -maxValue : entry
    }
  }
  return clipped
  // END SOLUTION
}
