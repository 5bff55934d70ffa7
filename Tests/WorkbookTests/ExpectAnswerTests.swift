import TestSupport
import Testing
import Workbook

/// Multiple-choice checks that name choices by digests.
@Suite("expectAnswer")
struct ExpectAnswerTests {
  private let salt = "0.0 question"

  /// Reasons for every choice but `correct`, keyed by their digests.
  private func reasons(except correct: Choice) -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: Choice.allCases.filter { $0 != correct }.map {
        (answerDigest($0, salt: salt), "\($0.rawValue) misreads the question")
      })
  }

  @Test("the right choice records nothing")
  func right() {
    TestSupport.expectAnswer(
      .c, salt: salt, digest: answerDigest(.c, salt: salt), otherwise: reasons(except: .c))
  }

  @Test("a wrong choice fails with its misconception, never naming the right one")
  func wrong() {
    withKnownIssue {
      TestSupport.expectAnswer(
        .a, salt: salt, digest: answerDigest(.c, salt: salt), otherwise: reasons(except: .c))
    } matching: { issue in
      issue.comments.contains { $0.rawValue == "(a) is not it: a misreads the question" }
    }
  }

  @Test("a suite that leaves a wrong choice without its reason fails whatever the answer")
  func incomplete() {
    var partial = reasons(except: .c)
    partial[answerDigest(.d, salt: salt)] = nil
    withKnownIssue {
      TestSupport.expectAnswer(
        .c, salt: salt, digest: answerDigest(.c, salt: salt), otherwise: partial)
    }
  }

  @Test("each question's digests differ, and none is the choice's letter")
  func digests() {
    let first = Choice.allCases.map { answerDigest($0, salt: "4.3 one") }
    let second = Choice.allCases.map { answerDigest($0, salt: "4.3 two") }
    #expect(Set(first + second).count == 8)
    #expect(first.allSatisfy { $0.count == 16 && !Choice.allCases.map(\.rawValue).contains($0) })
  }
}
