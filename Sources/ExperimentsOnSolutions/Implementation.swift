// The experiments in Sources/Experiments, compiled into this module against the reference
// `Solutions`: `swift run experiment NAME --solutions` runs them on the reference.
@_exported import ExperimentKit
@_exported import Solutions
@_exported import Workbook
