import Foundation

/// The course catalog, `grader.json`: which exercises exist and how each is graded.
public struct Catalog: Codable, Equatable, Sendable {
  /// The newest catalog format this grader reads.
  public static let supportedVersion = 1

  /// The catalog format's version.
  public var version: Int
  /// The course's name, shown above the results.
  public var course: String
  /// The exercises, in the order the learner meets them.
  public var exercises: [Exercise]

  public init(version: Int = Catalog.supportedVersion, course: String, exercises: [Exercise]) {
    self.version = version
    self.course = course
    self.exercises = exercises
  }

  /// The exercise with this id, if any.
  public func exercise(_ id: String) -> Exercise? {
    exercises.first { $0.id == id }
  }
}

/// One exercise: where it comes from, what it is worth, and where its pieces live.
public struct Exercise: Codable, Equatable, Sendable {
  /// How an exercise is graded.
  public enum Kind: String, Codable, Sendable {
    /// By its suite: PASS or FAIL, and its points.
    case graded
    /// By a person: the learner's writing (a Markdown file) is shown as FOR REVIEW once every
    /// answer slot is filled, with the rubric; it counts in no automatic score (`points` is 0),
    /// as nbgrader keeps manually graded cells apart.
    case review
  }

  /// The text of an answer slot the learner has not filled yet, in a review exercise's file.
  public static let reviewPlaceholder = "_Write your answer here._"

  /// Defaults for the optional fields, in one place.
  public enum Defaults {
    public static let points = 10
    public static let timeLimit = 5.0
    /// The most points one exercise may carry: enough for any course, far from overflow.
    public static let maximumPoints = 1000
  }

  /// The stable id, following the document's numbering (`4.6`, `N3`).
  public var id: String
  public var title: String
  /// The document the exercise comes from.
  public var document: String
  /// The section of that document.
  public var section: String
  /// Difficulty, 1 (★) to 3 (★★★).
  public var stars: Int
  public var points: Int
  /// The learner's file, relative to the package root.
  public var file: String
  /// The Swift Testing suite that grades it (a type name in `Tests/Suites`); empty for review.
  public var suite: String
  /// Graded by its suite, or by a person.
  public var kind: Kind
  /// For a review exercise: what the reviewer looks for, one criterion per entry.
  public var rubric: [String]
  /// Wall-clock seconds the exercise's tests may take, all parts together.
  public var timeLimit: Double
  /// Hints, gentle to specific, shown by `grade --hint ID`.
  public var hints: [String]
  /// What the answers mean, shown once the exercise passes (conceptual exercises).
  public var explanation: [String]
  /// Whether `--strict` grading reports each part; false for multiple choice, whose parts would
  /// otherwise let a submission find the answers by trying each choice everywhere at once.
  public var reportParts: Bool

  public init(
    id: String, title: String, document: String, section: String, stars: Int,
    points: Int = Defaults.points, file: String, suite: String,
    timeLimit: Double = Defaults.timeLimit, hints: [String] = [], explanation: [String] = [],
    reportParts: Bool = true, kind: Kind = .graded, rubric: [String] = []
  ) {
    self.kind = kind
    self.rubric = rubric
    self.id = id
    self.title = title
    self.document = document
    self.section = section
    self.stars = stars
    self.points = points
    self.file = file
    self.suite = suite
    self.timeLimit = timeLimit
    self.hints = hints
    self.explanation = explanation
    self.reportParts = reportParts
  }

  private enum CodingKeys: String, CodingKey {
    case id, title, document, section, stars, points, file, suite, timeLimit, hints, explanation
    case reportParts, kind, rubric
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    title = try c.decode(String.self, forKey: .title)
    document = try c.decode(String.self, forKey: .document)
    section = try c.decode(String.self, forKey: .section)
    stars = try c.decode(Int.self, forKey: .stars)
    points = try c.decodeIfPresent(Int.self, forKey: .points) ?? Defaults.points
    file = try c.decode(String.self, forKey: .file)
    kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .graded
    suite =
      try kind == .review
      ? c.decodeIfPresent(String.self, forKey: .suite) ?? "" : c.decode(String.self, forKey: .suite)
    rubric = try c.decodeIfPresent([String].self, forKey: .rubric) ?? []
    timeLimit = try c.decodeIfPresent(Double.self, forKey: .timeLimit) ?? Defaults.timeLimit
    hints = try c.decodeIfPresent([String].self, forKey: .hints) ?? []
    explanation = try c.decodeIfPresent([String].self, forKey: .explanation) ?? []
    reportParts = try c.decodeIfPresent(Bool.self, forKey: .reportParts) ?? true
  }

  /// Whether a person grades it.
  public var isReview: Bool { kind == .review }

  /// The difficulty as stars, `★★`.
  public var starText: String { String(repeating: "★", count: max(0, min(stars, 3))) }
}
