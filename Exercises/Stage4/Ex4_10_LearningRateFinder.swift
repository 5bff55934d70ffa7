import Foundation
import Workbook

// Exercise 4.10 (★★★): the learning-rate range test (Leslie Smith's LR range test, fastai's
// `lr_find`). Train one step at each of a sweep of rates that grows exponentially, watch the loss,
// stop when it explodes, and return the rate at which it fell fastest. The model is any
// `TrainableModel`: try it on the library's `QuadraticModel`, where the answer follows by hand,
// then on `SoftmaxRegression`.

/// Returns the learning rate at which the loss fell fastest in a learning-rate range test.
///
/// The document's five steps, made precise:
///
/// ```
/// θ = model.initialParameters()
/// (L, g) = model.lossAndGradient(θ, batch: data[0]);   best = L          1. start
/// for k in 0 ..< numSteps:
///     lr_k = minLr · (maxLr / minLr)^(k / (numSteps − 1))                3. exponential: minLr … maxLr
///     θ ← θ − lr_k · g                                                   2. one training step,
///     (L′, g) = model.lossAndGradient(θ, batch: data[(k + 1) % data.count])   and its loss
///     drop_k = L − L′;   L = L′
///     if L is not finite or L > 4 · best: stop                           4. the loss exploded
///     best = min(best, L)
/// return the lr_k with the largest drop_k (the first of equal ones)      5. the steepest fall
/// ```
///
/// One call of `lossAndGradient` per rate tried, plus one at the start: its gradient serves the
/// next step, its loss is the previous step's result, and the i-th call uses the batch
/// data[i % data.count]. The rates are equally spaced in log lr, so the largest drop is the
/// steepest negative slope of the loss against log lr, unsmoothed: with minibatches, use batches
/// large enough for their losses to be comparable.
///
/// The explosion test compares with the best loss so far, not the first: after a good stretch the
/// loss is far below where it started, and a rate that multiplies it by 4 is already too large.
///
/// - Parameters:
///   - model: the model to train, from `model.initialParameters()`.
///   - data: the batches to train on, lists of example indices, used in turn (and again from the
///     first when they run out); not empty.
///   - minLr: the first rate, > 0; default 1e-7.
///   - maxLr: the last rate, > minLr; default 10.
///   - numSteps: the number of rates in the sweep, ≥ 2; default 100.
/// - Returns: the rate whose step lowered the loss the most.
public func findLr(
  model: some TrainableModel, data: [[Int]], minLr: Double = 1e-7, maxLr: Double = 10,
  numSteps: Int = 100
) -> Double {
  unimplemented()
}
