import Foundation
import Workbook

// Exercise 4.7, reference: the learner's stub in Exercises/ documents each formula.

/// The constant schedule: baseLr at every step.
public func constantLr(step: Int, baseLr: Double) -> Double {
  baseLr
}

/// Step decay: baseLr · decayRate^⌊step / decayEvery⌋.
public func stepDecay(
  step: Int, baseLr: Double, decayRate: Double = 0.1, decayEvery: Int = 1000
) -> Double {
  baseLr * pow(decayRate, Double(step / decayEvery))
}

/// Cosine annealing: baseLr · ½(1 + cos(π · step / totalSteps)), and 0 after totalSteps.
public func cosineAnnealing(step: Int, baseLr: Double, totalSteps: Int) -> Double {
  guard step <= totalSteps else { return 0 }
  return baseLr * 0.5 * (1 + cos(Double.pi * Double(step) / Double(totalSteps)))
}

/// Linear warmup to baseLr over warmupSteps, then cosine annealing over the remaining steps.
public func warmupThenDecay(step: Int, baseLr: Double, warmupSteps: Int, totalSteps: Int) -> Double
{
  if step < warmupSteps {
    return baseLr * Double(step) / Double(warmupSteps)
  }
  return cosineAnnealing(
    step: step - warmupSteps, baseLr: baseLr, totalSteps: totalSteps - warmupSteps)
}
