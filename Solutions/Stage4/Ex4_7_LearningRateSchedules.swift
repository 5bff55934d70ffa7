import Foundation
import Workbook

// Exercise 4.7 (★★): implement the learning-rate schedules. Each maps a step number, counting
// from 0, to the learning rate for that step; `constantLr` is given as an example.

/// The constant schedule: the same learning rate at every step.
///
/// ```
/// lr(step) = baseLr
/// ```
///
/// - Parameters:
///   - step: the step number, counting from 0.
///   - baseLr: the learning rate.
/// - Returns: `baseLr`, whatever the step.
public func constantLr(step: Int, baseLr: Double) -> Double {
  baseLr
}

/// Step decay: the learning rate is multiplied by `decayRate` every `decayEvery` steps.
///
/// ```
/// lr(step) = baseLr · decayRate^⌊step / decayEvery⌋
/// ```
///
/// The rate is constant between drops: steps 0 … decayEvery − 1 use baseLr, and step
/// decayEvery is the first to use baseLr · decayRate.
///
/// - Parameters:
///   - step: the step number, counting from 0.
///   - baseLr: the learning rate at step 0.
///   - decayRate: the factor applied at each drop, in (0, 1]; default 0.1.
///   - decayEvery: the number of steps between drops, > 0; default 1000.
/// - Returns: the learning rate for `step`.
public func stepDecay(
  step: Int, baseLr: Double, decayRate: Double = 0.1, decayEvery: Int = 1000
) -> Double {
  // BEGIN SOLUTION
  baseLr * pow(decayRate, Double(step / decayEvery))
  // END SOLUTION
}

/// Cosine annealing: the learning rate falls from baseLr to 0 along half a cosine wave.
///
/// ```
/// lr(step) = baseLr · ½ · (1 + cos(π · step / totalSteps))    for 0 ≤ step ≤ totalSteps
/// lr(step) = 0                                                for step > totalSteps
/// ```
///
/// The angle is in radians (`Double.pi` is π): baseLr at step 0, baseLr / 2 halfway, 0 at
/// totalSteps. Past totalSteps the cosine would rise again, so the schedule stays at 0.
///
/// - Parameters:
///   - step: the step number, counting from 0.
///   - baseLr: the learning rate at step 0.
///   - totalSteps: the step at which the rate reaches 0, > 0.
/// - Returns: the learning rate for `step`.
public func cosineAnnealing(step: Int, baseLr: Double, totalSteps: Int) -> Double {
  // BEGIN SOLUTION
  guard step <= totalSteps else { return 0 }
  return baseLr * 0.5 * (1 + cos(Double.pi * Double(step) / Double(totalSteps)))
  // END SOLUTION
}

/// Linear warmup, then cosine decay: the rate climbs from 0 to baseLr, then anneals back to 0.
///
/// ```
/// lr(step) = baseLr · step / warmupSteps                    for 0 ≤ step < warmupSteps
/// lr(step) = baseLr · ½ · (1 + cos(π · s / (totalSteps − warmupSteps))),
///            with s = step − warmupSteps                    for warmupSteps ≤ step ≤ totalSteps
/// lr(step) = 0                                              for step > totalSteps
/// ```
///
/// The warmup starts at 0 and reaches its peak baseLr at step = warmupSteps; the cosine then runs
/// over the totalSteps − warmupSteps steps after the warmup (not over all totalSteps), reaching 0
/// at totalSteps. With warmupSteps = 0 this is ``cosineAnnealing(step:baseLr:totalSteps:)``.
///
/// - Parameters:
///   - step: the step number, counting from 0.
///   - baseLr: the peak learning rate, reached at the end of the warmup.
///   - warmupSteps: the length of the warmup, 0 ≤ warmupSteps < totalSteps.
///   - totalSteps: the step at which the rate reaches 0.
/// - Returns: the learning rate for `step`.
public func warmupThenDecay(step: Int, baseLr: Double, warmupSteps: Int, totalSteps: Int) -> Double
{
  // BEGIN SOLUTION
  if step < warmupSteps {
    return baseLr * Double(step) / Double(warmupSteps)
  }
  return cosineAnnealing(
    step: step - warmupSteps, baseLr: baseLr, totalSteps: totalSteps - warmupSteps)
  // END SOLUTION
}
