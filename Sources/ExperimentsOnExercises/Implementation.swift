// The experiments in Sources/Experiments, compiled into this module against the learner's
// `Exercises`: `swift run experiment NAME` runs them on the learner's code.
@_exported import Exercises
@_exported import ExperimentKit
@_exported import Workbook
