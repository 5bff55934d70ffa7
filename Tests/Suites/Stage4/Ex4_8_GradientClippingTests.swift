import Testing

@Suite("4.8 Gradient clipping", .graded)
struct Ex4_8_GradientClippingTests {
  @Test("clipGradNorm scales every array by one factor, maxNorm / global norm")
  func clipGradNormUsesTheGlobalNorm() {
    // Global norm √(3² + 4² + 12²) = 13: every element is scaled by 6.5 / 13 = ½, even the
    // first array, whose own norm 5 is already below 6.5.
    var grads: [[Double]] = [[3, 4], [0, 12]]
    clipGradNorm(grads: &grads, maxNorm: 6.5)
    expectArraysClose(
      grads, [[1.5, 2], [0, 6]],
      "clipGradNorm([[3, 4], [0, 12]], maxNorm: 6.5): the global norm is 13, so every array is "
        + "scaled by 6.5 / 13")
  }

  @Test("clipGradNorm leaves the global norm at maxNorm and keeps the direction")
  func clipGradNormKeepsDirection() {
    let original: [[Double]] = [[0.3, -1.2, 2.5], [-4], [0.7, 0.1]]
    var grads = original
    clipGradNorm(grads: &grads, maxNorm: 1)
    // numpy: each array divided by the global norm √24.28 = 4.927473997901968.
    expectArraysClose(
      grads,
      [
        [0.06088312188511491, -0.24353248754045964, 0.5073593490426243], [-0.8117749584681989],
        [0.1420606177319348, 0.020294373961704974],
      ],
      "clipGradNorm(\(original), maxNorm: 1): every element divided by the global norm 4.9275")
    let norm = grads.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }.squareRoot()
    TestSupport.expectClose(
      norm, 1, tolerance: 1e-12, "the global norm after clipGradNorm(\(original), maxNorm: 1)")
  }

  @Test(
    "clipGradNorm leaves gradients at or below maxNorm exactly as they are",
    arguments: unchangedRows)
  func clipGradNormLeavesSmallGradients(_ row: Row) {
    var grads = row.grads
    clipGradNorm(grads: &grads, maxNorm: row.limit)
    expectArraysClose(
      grads, row.grads,
      "clipGradNorm(\(row.grads), maxNorm: \(TestSupport.format(row.limit))): the global norm "
        + "\(TestSupport.format(row.globalNorm)) is not above maxNorm, so nothing may change (no scaling up, "
        + "no ε added to the norm)")
  }

  @Test("clipGradNorm leaves zero gradients at zero, not NaN")
  func clipGradNormZeroGradient() {
    for maxNorm in [1.0, 1e-3] {
      var grads: [[Double]] = [[0, 0], [0], []]
      clipGradNorm(grads: &grads, maxNorm: maxNorm)
      expectArraysClose(
        grads, [[0, 0], [0], []],
        "clipGradNorm([[0, 0], [0], []], maxNorm: \(TestSupport.format(maxNorm))): the norm 0 is below "
          + "maxNorm, so nothing is divided by it")
    }
  }

  @Test("clipGradNorm keeps empty arrays, and an empty list, as they are")
  func clipGradNormEmptyArrays() {
    var grads: [[Double]] = [[], [3, 4], []]
    clipGradNorm(grads: &grads, maxNorm: 1)
    expectArraysClose(
      grads, [[], [0.6, 0.8], []],
      "clipGradNorm([[], [3, 4], []], maxNorm: 1): empty arrays add nothing to the norm and stay")
    var none: [[Double]] = []
    clipGradNorm(grads: &none, maxNorm: 1)
    #expect(none.isEmpty, "clipGradNorm([], maxNorm: 1) gave \(none), expected []")
  }

  @Test(
    "clipGradValue clamps each element to [−maxValue, maxValue], keeping its sign",
    arguments: valueRows)
  func clipGradValueClamps(_ row: Row) {
    var grads = row.grads
    clipGradValue(grads: &grads, maxValue: row.limit)
    expectArraysClose(
      grads, row.expected,
      "clipGradValue(\(row.grads), maxValue: \(TestSupport.format(row.limit))): each element clamped to "
        + "[−\(TestSupport.format(row.limit)), \(TestSupport.format(row.limit))]; elements inside keep their value and sign"
    )
  }

  @Test("clipGradValue keeps NaN as NaN and clamps ±∞ to ±maxValue, as np.clip and torch do")
  func clipGradValueNaNAndInfinity() {
    let original: [[Double]] = [[.nan, 5, -.infinity], [.infinity, -0.5], [-.nan]]
    var grads = original
    clipGradValue(grads: &grads, maxValue: 2)
    expectSameOrNaN(
      grads, [[.nan, 2, -2], [2, -0.5], [.nan]],
      "clipGradValue(\(original), maxValue: 2): a NaN element stays NaN (it is no number to "
        + "clamp, and hiding it would hide a broken gradient), ∞ and −∞ are clamped like any "
        + "other element")
  }

  @Test("clipGradNorm keeps a NaN element NaN")
  func clipGradNormNaN() {
    // The global norm is NaN, and NaN > maxNorm is false: nothing is scaled (PyTorch scales by a
    // NaN factor instead, which makes every element NaN; either way the NaN is not hidden).
    let original: [[Double]] = [[.nan, 3], [4]]
    var grads = original
    clipGradNorm(grads: &grads, maxNorm: 1)
    let what = "clipGradNorm(\(original), maxNorm: 1): the NaN element must stay NaN"
    guard grads.map(\.count) == [2, 1] else {
      Issue.record("\(what); the arrays' lengths changed: \(grads)")
      return
    }
    #expect(grads[0][0].isNaN, "\(what), it became \(grads[0][0])")
  }
}

extension Ex4_8_GradientClippingTests {
  /// Gradients, a clipping limit and the expected result (the gradients themselves by default).
  struct Row: Sendable, CustomTestStringConvertible {
    let grads: [[Double]]
    let limit: Double
    let expected: [[Double]]

    init(_ grads: [[Double]], limit: Double, expected: [[Double]]? = nil) {
      self.grads = grads
      self.limit = limit
      self.expected = expected ?? grads
    }

    var globalNorm: Double { grads.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }.squareRoot() }
    var testDescription: String { "\(grads), limit \(TestSupport.format(limit))" }
  }

  static let unchangedRows: [Row] = [
    Row([[0.3, -0.4]], limit: 1),  // norm 0.5: below
    Row([[3, 4]], limit: 5),  // norm exactly 5
    Row([[1, 2], [2]], limit: 3),  // global norm exactly 3, the arrays' own norms √5 and 2
    Row([[-1e-3], [], [2e-3]], limit: 10),
  ]

  static let valueRows: [Row] = [
    Row([[2.5, -3, 0.5, -0.5]], limit: 1, expected: [[1, -1, 0.5, -0.5]]),
    Row([[1, -1, 0]], limit: 1),  // on the boundary: unchanged
    Row([[-7, 7], [0.25], []], limit: 2, expected: [[-2, 2], [0.25], []]),
    Row([[1e9, -1e-9]], limit: 1e-3, expected: [[1e-3, -1e-9]]),
    Row([], limit: 1),
  ]
}

/// Compares two lists of gradient arrays array by array, naming the array that differs.
private func expectArraysClose(
  _ actual: [[Double]], _ expected: [[Double]], _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.count == expected.count else {
    Issue.record(
      Comment(
        rawValue: """
          \(what)
            expected \(expected.count) arrays: \(expected)
            actual has \(actual.count) arrays: \(actual)
          """), sourceLocation: sourceLocation)
    return
  }
  for i in actual.indices {
    TestSupport.expectClose(
      actual[i], expected[i], tolerance: 0, relativeTolerance: 1e-12, "\(what); grads[\(i)]",
      sourceLocation: sourceLocation)
  }
}

/// Compares two lists of gradient arrays element by element: NaN must meet NaN, anything else
/// must be equal.
private func expectSameOrNaN(
  _ actual: [[Double]], _ expected: [[Double]], _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.map(\.count) == expected.map(\.count) else {
    Issue.record(
      Comment(rawValue: "\(what)\n  expected: \(expected)\n  actual:   \(actual)"),
      sourceLocation: sourceLocation)
    return
  }
  for i in actual.indices {
    for j in actual[i].indices {
      let (a, e) = (actual[i][j], expected[i][j])
      guard e.isNaN ? !a.isNaN : a != e else { continue }
      Issue.record(
        Comment(rawValue: "\(what); grads[\(i)][\(j)]: expected \(e), actual \(a)"),
        sourceLocation: sourceLocation)
    }
  }
}
