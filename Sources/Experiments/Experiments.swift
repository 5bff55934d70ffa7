/// The experiments `swift run experiment` knows, in the order `--list` shows them.
public enum Experiments {
  public static let all: [Experiment] = [
    optimizerComparison, learningRateFinder, batchScaling, optimizerSweep, batchSizes,
    digitsBatchSizes, digitsSchedules, rosenbrockRace,
  ]
}
