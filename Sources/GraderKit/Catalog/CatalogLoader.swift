import Foundation

/// Reads `grader.json` and checks it, so that every mistake is reported with its file, entry and field.
public struct CatalogLoader {
  /// The package root that `file` fields are relative to.
  public var packageRoot: URL

  public init(packageRoot: URL) {
    // A folder URL, so that relative paths resolve inside it, whether or not it ends in "/".
    self.packageRoot = URL(fileURLWithPath: packageRoot.path, isDirectory: true)
  }

  /// Loads and validates the catalog at `path` (relative to the package root unless absolute).
  public func load(_ path: String) throws(GradeError) -> Catalog {
    let url = URL(fileURLWithPath: path, relativeTo: packageRoot)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .catalogUnreadable(
        file: url.path,
        reason: "cannot be read (\(reasonText(error))); run grade in the workbook's folder "
          + "or name it with --package-path")
    }
    let catalog = try decode(data, file: path)
    try validate(catalog, file: path)
    return catalog
  }

  /// Decodes the catalog, turning decoding errors into messages that name the entry and field.
  func decode(_ data: Data, file: String) throws(GradeError) -> Catalog {
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw .catalogUnreadable(file: file, reason: "is not valid JSON (\(reasonText(error)))")
    }
    guard let top = json as? [String: Any] else {
      throw .catalogInvalid(
        file: file, entry: nil, field: nil,
        problem: "the top level must be an object with \"version\", \"course\" and \"exercises\"")
    }
    if let version = top["version"] as? Int,
      version > Catalog.supportedVersion
    {
      throw .unsupportedVersion(file: file, found: version, supported: Catalog.supportedVersion)
    }
    do {
      return try JSONDecoder().decode(Catalog.self, from: data)
    } catch let error as DecodingError {
      throw describe(error, json: json, file: file)
    } catch {
      throw .catalogUnreadable(file: file, reason: reasonText(error))
    }
  }

  /// Checks what decoding cannot: ranges, uniqueness, and that the learner's files exist.
  func validate(_ catalog: Catalog, file: String) throws(GradeError) {
    if catalog.version < 1 {
      throw .catalogInvalid(
        file: file, entry: nil, field: "version",
        problem: "must be 1 or more, found \(catalog.version)")
    }
    if catalog.exercises.isEmpty {
      throw .catalogInvalid(
        file: file, entry: nil, field: "exercises", problem: "lists no exercise")
    }
    var ids: [String: Int] = [:]
    var suites: [String: String] = [:]
    for (index, exercise) in catalog.exercises.enumerated() {
      let entry = Self.entryName(index: index, id: exercise.id)
      func invalid(_ field: String, _ problem: String) -> GradeError {
        .catalogInvalid(file: file, entry: entry, field: field, problem: problem)
      }
      if exercise.id.isEmpty || exercise.id.hasPrefix("-")
        || exercise.id.contains(where: \.isWhitespace)
      {
        throw invalid(
          "id",
          "must be non-empty, without spaces and not start with \"-\", found \"\(exercise.id)\"")
      }
      if let first = ids[exercise.id] {
        throw invalid("id", "\"\(exercise.id)\" is also the id of exercises[\(first)]")
      }
      ids[exercise.id] = index
      if exercise.title.isEmpty { throw invalid("title", "must not be empty") }
      if !(1...3).contains(exercise.stars) {
        throw invalid("stars", "\(exercise.stars) is out of range; stars go from 1 (★) to 3 (★★★)")
      }
      if !(0...Exercise.Defaults.maximumPoints).contains(exercise.points) {
        throw invalid(
          "points",
          "must be between 0 and \(Exercise.Defaults.maximumPoints), found \(exercise.points)")
      }
      if !(exercise.timeLimit > 0 && exercise.timeLimit <= 600) {
        throw invalid("timeLimit", "must be between 0 and 600 seconds, found \(exercise.timeLimit)")
      }
      if exercise.isReview {
        try checkReview(exercise, invalid)
      } else {
        if !isSwiftIdentifier(exercise.suite) {
          throw invalid("suite", "\"\(exercise.suite)\" is not a Swift type name")
        }
        if let other = suites[exercise.suite] {
          throw invalid("suite", "\"\(exercise.suite)\" already grades exercise \(other)")
        }
        suites[exercise.suite] = exercise.id
      }
      var isDirectory: ObjCBool = false
      let path = URL(fileURLWithPath: exercise.file, relativeTo: packageRoot).path
      if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        || isDirectory.boolValue
      {
        throw invalid("file", "\(exercise.file) does not exist")
      }
    }
  }

  /// A review exercise has a rubric, no suite and no automatic points.
  private func checkReview(
    _ exercise: Exercise, _ invalid: (String, String) -> GradeError
  ) throws(GradeError) {
    if !exercise.suite.isEmpty {
      throw invalid("suite", "a review exercise is graded by a person: it has no suite")
    }
    if exercise.points != 0 {
      throw invalid(
        "points", "a review exercise counts in no automatic score: points must be 0")
    }
    if exercise.rubric.isEmpty || exercise.rubric.contains(where: \.isEmpty) {
      throw invalid("rubric", "a review exercise lists what the reviewer looks for")
    }
    if !exercise.file.hasSuffix(".md") {
      throw invalid(
        "file", "a review exercise's file is the learner's Markdown, found \(exercise.file)")
    }
  }

  /// Checks that every exercise's suite is one the test bundle has, in the module being graded.
  public static func checkSuites(
    of catalog: Catalog, file: String, available: Set<String>
  ) throws(GradeError) {
    for (index, exercise) in catalog.exercises.enumerated()
    where !exercise.isReview && !available.contains(exercise.suite) {
      throw .catalogInvalid(
        file: file, entry: entryName(index: index, id: exercise.id), field: "suite",
        problem: "no suite named \(exercise.suite) in Tests/Suites")
    }
  }

  private func describe(_ error: DecodingError, json: Any, file: String) -> GradeError {
    let (path, problem): ([any CodingKey], String) =
      switch error {
      case .keyNotFound(let key, let context): (context.codingPath + [key], "is missing")
      case .typeMismatch(let type, let context):
        (context.codingPath, "has the wrong type (expected \(typeName(type)))")
      case .valueNotFound(let type, let context):
        (context.codingPath, "is null (expected \(typeName(type)))")
      case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
      @unknown default: ([], "\(error)")
      }
    var entry: String?
    var keys = path[...]
    if keys.first?.stringValue == "exercises", let index = keys.dropFirst().first?.intValue {
      let exercises = (json as? [String: Any])?["exercises"] as? [Any]
      entry = Self.entryName(
        index: index, id: (exercises?[safe: index] as? [String: Any])?["id"] as? String)
      keys = keys.dropFirst(2)
    }
    let fields = keys.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
    let field =
      fields.isEmpty ? nil : fields.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    return .catalogInvalid(file: file, entry: entry, field: field, problem: problem)
  }

  private static func entryName(index: Int, id: String?) -> String {
    if let id, !id.isEmpty { return "exercises[\(index)] (id \"\(id)\")" }
    return "exercises[\(index)]"
  }
}

private func typeName(_ type: Any.Type) -> String {
  switch type {
  case is String.Type: "a string"
  case is Int.Type: "an integer"
  case is Double.Type: "a number"
  case is [String].Type: "a list of strings"
  default: "\(type)"
  }
}

private func isSwiftIdentifier(_ name: String) -> Bool {
  guard let first = name.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first)
  else { return false }
  return name.unicodeScalars.allSatisfy { $0 == "_" || CharacterSet.alphanumerics.contains($0) }
}

/// A readable reason from a Foundation error, preferring its debug description (which has line numbers).
func reasonText(_ error: any Error) -> String {
  let nsError = error as NSError
  return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
