/// An answer to a multiple-choice question of a conceptual exercise.
public enum Choice: String, Sendable, CaseIterable, CustomStringConvertible {
  case a, b, c, d

  public var description: String { "(\(rawValue))" }
}
