// The engine of .ci/mutants: reads the catalogue, writes one submission per mutant rank, grades
// them with `grade --batch` and prints the kill table.
//
// A catalogue file (.ci/mutants.d/<Document>/<Stem>.mutants) holds variants of the exercise's
// reference solution:
//
//   ## wrong: <name>          a learner's bug the suites must catch
//   ## correct: <name>        a correct implementation the suites must accept
//   ## equivalent: <name>     a wrong-looking variant that cannot be told apart; needs
//   because: <why>            ... the argument, one or more lines
//   -- replace
//   <exact lines of the reference solution, found exactly once>
//   -- with
//   <their replacement>
//   -- end
//
// A variant holds one or more replacements. Lines before the first `##` are comments. Submission
// k holds the k-th variant of every exercise that has one and the reference solution of every
// other exercise (the exercises stand alone, so one variant never changes another's result; the
// reference solutions around it must still pass, which checks that).

import Foundation

struct Variant {
  enum Kind: String { case wrong, correct, equivalent }
  var kind: Kind
  var name: String
  var because = ""
  var replacements: [(old: String, new: String)] = []
}

struct Exercise {
  var id: String
  var file: String
  var review: Bool
  var variants: [Variant] = []
  var catalogue: String {
    ".ci/mutants.d/"
      + file.dropFirst("Exercises/".count).split(separator: ".").dropLast().joined(separator: ".")
      + ".mutants"
  }
  var solution: String { "Solutions/" + file.dropFirst("Exercises/".count) }
}

struct Failure: Error, CustomStringConvertible { var description: String }

func parse(_ text: String, in path: String) throws -> [Variant] {
  var variants: [Variant] = []
  var lines = text.components(separatedBy: "\n")[...]
  if lines.last == "" { lines.removeLast() }
  var number = 0
  func take(until marker: String) throws -> String {
    var taken: [String] = []
    while let line = lines.popFirst() {
      number += 1
      if line == marker { return taken.map { $0 + "\n" }.joined() }
      taken.append(line)
    }
    throw Failure(description: "\(path): `\(marker)` missing at the end")
  }
  while let line = lines.popFirst() {
    number += 1
    if line.hasPrefix("## ") {
      let header = line.dropFirst(3)
      guard let colon = header.firstIndex(of: ":"),
        let kind = Variant.Kind(rawValue: String(header[..<colon]))
      else { throw Failure(description: "\(path):\(number): `## wrong|correct|equivalent: name`") }
      let name = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      variants.append(Variant(kind: kind, name: name))
    } else if variants.isEmpty {
      continue
    } else if line.hasPrefix("because:") {
      variants[variants.count - 1].because +=
        line.dropFirst("because:".count)
        .trimmingCharacters(in: .whitespaces) + " "
    } else if line == "-- replace" {
      let old = try take(until: "-- with")
      let new = try take(until: "-- end")
      variants[variants.count - 1].replacements.append((old, new))
    } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      throw Failure(description: "\(path):\(number): expected `-- replace`, `because:` or `## …`")
    }
  }
  for variant in variants where variant.replacements.isEmpty {
    throw Failure(description: "\(path): \"\(variant.name)\" changes nothing")
  }
  for variant in variants where variant.kind == .equivalent && variant.because.isEmpty {
    throw Failure(description: "\(path): \"\(variant.name)\" is equivalent without `because:`")
  }
  return variants
}

/// The reference solution with the variant's replacements made.
func apply(_ variant: Variant, to reference: String, of exercise: Exercise) throws -> String {
  var text = reference
  for (old, new) in variant.replacements {
    let found = text.components(separatedBy: old).count - 1
    guard found == 1 else {
      throw Failure(
        description:
          "\(exercise.catalogue): \"\(variant.name)\": the lines to replace occur \(found) times in \(exercise.solution):\n\(old)"
      )
    }
    text = text.replacingOccurrences(of: old, with: new)
  }
  return text
}

/// Runs a command with its output in `log`; returns its exit status.
func run(_ arguments: [String], log: String) -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  guard FileManager.default.createFile(atPath: log, contents: nil),
    let output = FileHandle(forWritingAtPath: log)
  else { return 127 }
  process.standardOutput = output
  process.standardError = output
  do { try process.run() } catch { return 127 }
  process.waitUntilExit()
  return process.terminationStatus
}

func json(_ path: String) -> [String: Any]? {
  FileManager.default.contents(atPath: path).flatMap {
    try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
  }
}

func main() throws -> Int32 {
  let fm = FileManager.default
  guard let catalog = json("grader.json"), let entries = catalog["exercises"] as? [[String: Any]]
  else { throw Failure(description: "grader.json: unreadable") }
  let selected = Set(CommandLine.arguments.dropFirst())
  var exercises: [Exercise] = []
  for entry in entries {
    guard let id = entry["id"] as? String, let file = entry["file"] as? String else { continue }
    var exercise = Exercise(id: id, file: file, review: file.hasSuffix(".md"))
    if selected.isEmpty || selected.contains(id) {
      guard let text = try? String(contentsOfFile: exercise.catalogue, encoding: .utf8) else {
        throw Failure(description: "\(id): no catalogue at \(exercise.catalogue)")
      }
      exercise.variants = try parse(text, in: exercise.catalogue)
    }
    exercises.append(exercise)
  }
  let unknown = selected.subtracting(exercises.map(\.id))
  guard unknown.isEmpty else { throw Failure(description: "unknown exercise: \(unknown.sorted())") }

  let work = ".build/mutants"
  try? fm.removeItem(atPath: work)
  let ranks = exercises.map(\.variants.count).max() ?? 0
  func submission(_ k: Int) -> String { k == 0 ? "reference" : String(format: "variant%02d", k) }
  for k in 0...ranks {
    for exercise in exercises {
      let reference = try String(contentsOfFile: exercise.solution, encoding: .utf8)
      let text =
        k == 0 || k > exercise.variants.count
        ? reference : try apply(exercise.variants[k - 1], to: reference, of: exercise)
      let path = "\(work)/class/\(submission(k))/\(exercise.file)"
      try fm.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
  let total = exercises.reduce(0) { $0 + $1.variants.count }
  let log = "\(work)/grade.log"
  FileHandle.standardError.write(
    Data(
      "grading \(total) variants of \(exercises.filter { !$0.variants.isEmpty }.count) exercises in \(ranks) submissions and the reference (log: \(log))\n"
        .utf8))
  let status = run(
    ["swift", "run", "grade", "--batch", "\(work)/class", "--out", "\(work)/grades"], log: log)
  guard status == 0 else {
    throw Failure(description: "grade --batch ended with status \(status): see \(log)")
  }

  /// Exercise id → (verdict, whether it compiled) in submission k.
  func verdicts(_ k: Int) throws -> [String: (verdict: String, compiled: Bool)] {
    let path = "\(work)/grades/students/\(submission(k)).json"
    guard let record = json(path) else { throw Failure(description: "\(path): no record") }
    guard record["status"] as? String == "graded",
      let results = (record["report"] as? [String: Any])?["exercises"] as? [[String: Any]]
    else {
      throw Failure(description: "\(submission(k)): not graded: \(record["reasons"] ?? "")")
    }
    var verdicts: [String: (String, Bool)] = [:]
    for result in results {
      guard let id = result["id"] as? String, let verdict = result["verdict"] as? String else {
        continue
      }
      verdicts[id] = (verdict, (result["compileErrors"] as? [Any])?.isEmpty ?? true)
    }
    return verdicts
  }
  func accepted(_ exercise: Exercise, _ verdict: String) -> Bool {
    verdict == (exercise.review ? "FOR REVIEW" : "PASS")
  }

  var problems: [String] = []
  var survivors: [String] = []
  var falseFailures: [String] = []
  var argued: [String] = []
  var rows: [(String, Int, Int, Int, Int)] = []
  var outcome: [[String: (verdict: String, compiled: Bool)]] = []
  for k in 0...ranks { outcome.append(try verdicts(k)) }
  for exercise in exercises {
    for k in 0...ranks where k == 0 || k > exercise.variants.count {
      let verdict = outcome[k][exercise.id]?.verdict ?? "missing"
      if !accepted(exercise, verdict) {
        problems.append("\(exercise.id): the reference solution is \(verdict) in \(submission(k))")
      }
    }
    guard !exercise.variants.isEmpty else { continue }
    var row = (exercise.id, 0, 0, 0, 0)
    for (index, variant) in exercise.variants.enumerated() {
      let result = outcome[index + 1][exercise.id] ?? ("missing", true)
      let label = "\(exercise.id) \(variant.kind.rawValue): \(variant.name) — \(result.verdict)"
      if !result.compiled {
        problems.append(
          "\(label): does not compile (see \(work)/grades/students/\(submission(index + 1)).json)")
        continue
      }
      let passes = accepted(exercise, result.verdict)
      switch variant.kind {
      case .correct:
        row.3 += 1
        if passes { row.4 += 1 } else { falseFailures.append(label) }
      case .wrong, .equivalent:
        row.1 += 1
        if !passes {
          row.2 += 1
        } else if variant.kind == .equivalent {
          argued.append("\(label)\n      because \(variant.because)")
        } else {
          survivors.append(label)
        }
      }
    }
    rows.append(row)
  }
  print("exercise  wrong caught  correct accepted")
  for (id, wrong, caught, correct, accepted) in rows {
    print(
      id.padding(toLength: 10, withPad: " ", startingAt: 0)
        + "\(caught)/\(wrong)".padding(toLength: 14, withPad: " ", startingAt: 0)
        + "\(accepted)/\(correct)")
  }
  let wrong = rows.reduce(0) { $0 + $1.1 }
  let caught = rows.reduce(0) { $0 + $1.2 }
  let correct = rows.reduce(0) { $0 + $1.3 }
  let accepted = rows.reduce(0) { $0 + $1.4 }
  print(
    "total     \(caught)/\(wrong) wrong versions caught (\(String(format: "%.1f", 100 * Double(caught) / Double(max(wrong, 1))))%), \(argued.count) argued equivalent; \(accepted)/\(correct) correct versions accepted"
  )
  for (title, list) in [
    ("Survivors (wrong versions that pass)", survivors),
    ("False failures (correct versions that fail)", falseFailures),
    ("Argued equivalent (pass, as the catalogue argues)", argued), ("Problems", problems),
  ] where !list.isEmpty {
    print("\n\(title):")
    for line in list { print("  " + line) }
  }
  return survivors.isEmpty && falseFailures.isEmpty && problems.isEmpty ? 0 : 1
}

do {
  exit(try main())
} catch {
  FileHandle.standardError.write(Data("mutants: \(error)\n".utf8))
  exit(2)
}
