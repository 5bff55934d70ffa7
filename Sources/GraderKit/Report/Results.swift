import Foundation

/// What happened to one part (one `@Test`) of an exercise.
public enum PartOutcome: Equatable, Sendable {
  case passed
  /// Expectations failed; each message is one failure as the test described it.
  case failed([String])
  /// The part reached a stub that is still `unimplemented()`; `function` is the stub's name.
  case notStarted(function: String)
  /// The process trapped in this part; `message` is the runtime's, with file and line.
  case crashed(String)
  /// The exercise's time limit ran out while this part was running.
  case timedOut(seconds: Double)
  /// The process ended in this part without reporting a result (the code called `exit`?).
  case vanished(String)
  /// The part never ran: an earlier part used up the time limit.
  case notRun(String)

  /// Whether the part passed.
  public var isPassed: Bool { self == .passed }
}

/// One part of an exercise and its outcome.
public struct PartResult: Equatable, Sendable {
  /// The test's display name, such as `(a) x after 5 steps`.
  public var name: String
  public var outcome: PartOutcome
  /// How long the part ran, in seconds, as its test process's event stream tells (see
  /// `TestReport.seconds(of:from:to:)`); 0 for a part that did not run or whose time the stream
  /// does not give.
  public var seconds: Double

  public init(name: String, outcome: PartOutcome, seconds: Double = 0) {
    self.name = name
    self.outcome = outcome
    self.seconds = seconds
  }

  /// Whether two parts were graded alike: the time taken is a measurement, not part of the result.
  public static func == (lhs: PartResult, rhs: PartResult) -> Bool {
    lhs.name == rhs.name && lhs.outcome == rhs.outcome
  }
}

/// The verdict on one exercise.
public enum Verdict: String, Equatable, Sendable {
  case passed = "PASS"
  /// Every part stopped at an untouched stub: the learner has not begun.
  case notStarted = "NOT STARTED"
  case failed = "FAIL"
  /// A review exercise whose answers are all written: a person grades it.
  case forReview = "FOR REVIEW"
}

/// One exercise's result: its verdict and the outcome of each part.
public struct ExerciseResult: Equatable, Sendable {
  public var exercise: Exercise
  public var parts: [PartResult]
  /// Set when the suite could not be run at all (no tests found, the bundle failed to start).
  public var problem: String?
  /// The compiler's errors when the learner's file does not compile (its stub was graded
  /// nowhere: the exercise fails without running).
  public var compileErrors: [Diagnostic]
  /// For a review exercise: whether every answer slot of the learner's file is filled.
  public var answered: Bool
  /// How long grading the exercise took, in seconds: the wall time of its own test processes
  /// (`SuiteRunner.grade`), or the sum of its parts' times when it shared a process with other
  /// exercises (`SuiteRunner.gradeTogether`); 0 for an exercise that was not run (it does not
  /// compile, or a person grades it).
  public var seconds: Double

  public init(
    exercise: Exercise, parts: [PartResult], problem: String? = nil,
    compileErrors: [Diagnostic] = [], answered: Bool = false, seconds: Double = 0
  ) {
    self.answered = answered
    self.exercise = exercise
    self.parts = parts
    self.problem = problem
    self.compileErrors = compileErrors
    self.seconds = seconds
  }

  /// Whether two results were graded alike: the time taken is a measurement, not part of the
  /// result (grading the same code twice takes different times).
  public static func == (lhs: ExerciseResult, rhs: ExerciseResult) -> Bool {
    lhs.exercise == rhs.exercise && lhs.parts == rhs.parts && lhs.problem == rhs.problem
      && lhs.compileErrors == rhs.compileErrors && lhs.answered == rhs.answered
  }

  /// Whether the learner's file did not compile.
  public var doesNotCompile: Bool { !compileErrors.isEmpty }

  /// PASS only when there were parts and every one passed; NOT STARTED when no part got past a stub.
  public var verdict: Verdict {
    if exercise.isReview { return answered ? .forReview : .notStarted }
    if doesNotCompile { return .failed }
    if problem == nil, !parts.isEmpty, parts.allSatisfy(\.outcome.isPassed) { return .passed }
    let reached = parts.filter {
      if case .notStarted = $0.outcome { return false }
      if case .notRun = $0.outcome { return false }
      return true
    }
    if problem == nil, !parts.isEmpty, reached.isEmpty { return .notStarted }
    return .failed
  }

  /// The result of a review exercise whose learner's page is `page`, and whose generated stub is
  /// `template` (nil where it cannot be generated): FOR REVIEW once every answer slot holds an
  /// answer.
  ///
  /// An answer slot is a section of the template (a heading and the lines up to the next one)
  /// that holds the placeholder. It holds an answer when the page has the same heading and, under
  /// it, a line of text that is neither the placeholder nor a marker (the reference page names
  /// the placeholder in its markers): a page that merely lost its placeholders, or a question,
  /// is not answered. Without a template, a page with text and no placeholder counts.
  public static func review(_ exercise: Exercise, page: URL, template: String? = nil)
    -> ExerciseResult
  {
    let text = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
    func isAnswer(_ line: Substring) -> Bool {
      !line.trimmingCharacters(in: .whitespaces).isEmpty
        && !line.contains(Exercise.reviewPlaceholder) && !line.contains(StubGenerator.begin)
        && !line.contains(StubGenerator.end)
    }
    let placeholderLeft = text.split(separator: "\n").contains {
      $0.contains(Exercise.reviewPlaceholder) && !$0.contains(StubGenerator.begin)
    }
    var answered = !text.isEmpty && !placeholderLeft
    if answered, let template {
      let written = Dictionary(
        sections(of: text).map { ($0.heading, $0.body) }, uniquingKeysWith: { first, _ in first })
      answered = sections(of: template).filter {
        $0.body.contains { $0.contains(Exercise.reviewPlaceholder) }
      }.allSatisfy { slot in written[slot.heading]?.contains(where: isAnswer) == true }
    }
    return ExerciseResult(exercise: exercise, parts: [], answered: answered)
  }

  /// The sections of a Markdown page: each heading line with the lines up to the next heading.
  private static func sections(of text: String) -> [(heading: Substring, body: [Substring])] {
    var sections: [(heading: Substring, body: [Substring])] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("#") {
        sections.append((line.trimmingCharacters(in: .whitespaces)[...], []))
      } else if !sections.isEmpty {
        sections[sections.count - 1].body.append(line)
      }
    }
    return sections
  }

  /// The points earned: all of them for a pass, none otherwise.
  public var earnedPoints: Int { verdict == .passed ? exercise.points : 0 }

  /// How many parts passed.
  public var passedParts: Int { parts.filter(\.outcome.isPassed).count }
}
