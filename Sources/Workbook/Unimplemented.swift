/// The marker a stub's trap message starts with; the grader reads it to say "not started yet"
/// (from its own copy, `SuiteRunner.unimplementedMarker`, so that it builds without the library).
public let unimplementedMarker = "Not implemented yet:"

/// Stops the program because the learner has not written this function yet.
///
/// Every stub in `Exercises` has this as its whole body. It traps rather than returning a
/// placeholder value, so a stub can never pass a test by accident, and its message names the
/// function so the grader can tell "not started" apart from a crash in the learner's own code,
/// and its file's full path, which `swift run experiment` names when it stops at a stub.
public func unimplemented(
  _ function: StaticString = #function, file: StaticString = #filePath, line: UInt = #line
) -> Never {
  fatalError("\(unimplementedMarker) \(function)", file: (file), line: line)
}
