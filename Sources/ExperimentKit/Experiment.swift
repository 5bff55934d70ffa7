import Foundation
@_exported import Plot

/// One experiment of the workbook: a computation the learner runs and looks at, with the
/// artefacts it writes to `experiments/<name>/`.
public struct Experiment: Sendable {
  /// The name on the command line, for example `digits-batch-sizes`.
  public let name: String
  /// The exercise whose functions it runs, for example `T9`.
  public let exercise: String
  /// One line for `--list`.
  public let summary: String
  /// The folder of its artefacts under `experiments/`: its name, unless the document names one.
  public let folder: String
  /// Runs the experiment, reporting through the context.
  public let run: @Sendable (inout ExperimentContext) throws -> Void

  /// An experiment named `name` that runs `exercise`'s functions.
  public init(
    name: String, exercise: String, summary: String, folder: String? = nil,
    run: @escaping @Sendable (inout ExperimentContext) throws -> Void
  ) {
    self.name = name
    self.folder = folder ?? name
    self.exercise = exercise
    self.summary = summary
    self.run = run
  }
}
