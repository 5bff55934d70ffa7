import Foundation
import Workbook

// Exercise W5 (★★): the walkthrough's learning-rate schedules, compared on f(x) = (x − 5)²
// from x = 0 (500 steps). Schedules of length T stay at their last value after T.

/// The constant schedule: lr0 at every step.
public func constant(step: Int, lr0: Double = 0.1) -> Double {
  // BEGIN SOLUTION
  lr0
  // END SOLUTION
}

/// Step decay: lr0 · decayRate^⌊step / decaySteps⌋ (halved every 100 steps by default).
public func stepDecay(step: Int, lr0: Double = 0.5, decayRate: Double = 0.5, decaySteps: Int = 100)
  -> Double
{
  // BEGIN SOLUTION
  lr0 * pow(decayRate, Double(step / decaySteps))
  // END SOLUTION
}

/// Exponential decay: lr0 · decay^step.
public func exponential(step: Int, lr0: Double = 0.5, decay: Double = 0.99) -> Double {
  // BEGIN SOLUTION
  lr0 * pow(decay, Double(step))
  // END SOLUTION
}

/// Cosine annealing from lr0 at step 0 to 0 at step T, and 0 after T.
///
/// ```
/// lr = lr0 · ½ · (1 + cos(π · min(step, T) / T))
/// ```
public func cosineAnnealing(step: Int, lr0: Double = 0.5, T: Int = 500) -> Double {
  // BEGIN SOLUTION
  lr0 * 0.5 * (1 + cos(Double.pi * Double(min(step, T)) / Double(T)))
  // END SOLUTION
}

/// A linear warm-up from 0 to lr0 over warmupSteps, then cosine annealing to 0 at step T, and 0
/// after T.
///
/// ```
/// lr = lr0 · step / warmupSteps                                      step < warmupSteps
/// lr = lr0 · ½ · (1 + cos(π · (min(step, T) − warmupSteps) / (T − warmupSteps)))   otherwise
/// ```
public func warmupCosine(step: Int, lr0: Double = 0.5, warmupSteps: Int = 50, T: Int = 500)
  -> Double
{
  // BEGIN SOLUTION
  if step < warmupSteps { return lr0 * Double(step) / Double(warmupSteps) }
  let progress = Double(min(step, T) - warmupSteps) / Double(T - warmupSteps)
  return lr0 * 0.5 * (1 + cos(Double.pi * progress))
  // END SOLUTION
}

/// Trains x on f(x) = (x − 5)² with a schedule, as the walkthrough's `train_with_schedule`.
///
/// ```
/// x ← x − schedule(step) · 2(x − 5)      for step = 0 … steps − 1
/// ```
///
/// - Parameters:
///   - schedule: the learning rate at each step.
///   - steps: the number of steps, default 500.
///   - x0: the start, default 0.
/// - Returns: (x, f(x)) before the first step and after each one: `steps + 1` pairs.
public func trainWithSchedule(
  _ schedule: (Int) -> Double, steps: Int = 500, x0: Double = 0
) -> [(x: Double, loss: Double)] {
  // BEGIN SOLUTION
  var x = x0
  var history = [(x, (x - 5) * (x - 5))]
  for step in 0..<steps {
    x -= schedule(step) * 2 * (x - 5)
    history.append((x, (x - 5) * (x - 5)))
  }
  return history
  // END SOLUTION
}
