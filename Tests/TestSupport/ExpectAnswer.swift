import Testing
import Workbook

/// Records a failure that names the misconception behind `answer`, unless its digest is `digest`.
///
/// The suite names choices by their digests (`answerDigest(_:salt:)`), never by their letters,
/// so reading it gives the answer away no more than trying each choice would: the right one is
/// not written there, and neither is which letters the misconceptions belong to. The message
/// never gives the right choice away either: the learner reads why theirs is wrong. Every wrong
/// choice must come with its reason; a suite that forgets one fails on its own.
public func expectAnswer(
  _ answer: Choice, salt: String, digest: String, otherwise misconceptions: [String: String],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let digests = Set(Choice.allCases.map { answerDigest($0, salt: salt) })
  guard digests.contains(digest), misconceptions[digest] == nil,
    Set(misconceptions.keys).union([digest]) == digests
  else {
    Issue.record(
      "the suite must name its answer and a reason for every wrong choice by their digests",
      sourceLocation: sourceLocation)
    return
  }
  let given = answerDigest(answer, salt: salt)
  guard given != digest, let reason = misconceptions[given] else { return }
  Issue.record(Comment(rawValue: "\(answer) is not it: \(reason)"), sourceLocation: sourceLocation)
}

/// The digest that names `choice` in a suite: FNV-1a (64 bits, hexadecimal) of the choice's
/// letter, a bar and `salt` (the exercise and the question), so that each question's digests
/// differ.
public func answerDigest(_ choice: Choice, salt: String) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in (choice.rawValue + "|" + salt).utf8 {
    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
  }
  let hex = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - hex.count) + hex
}
