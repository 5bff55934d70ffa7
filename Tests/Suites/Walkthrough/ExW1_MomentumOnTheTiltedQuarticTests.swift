import Testing

@Suite("W1 Momentum on the tilted quartic", .graded)
struct ExW1_MomentumOnTheTiltedQuarticTests {
  /// Whether f′ = 0.4x³ − 6x + 1 goes from negative to positive between x − 1e-9 and x + 1e-9:
  /// then a local minimum of f lies within 1e-9 of x (f′ has three roots, and only at the two
  /// minima does it rise through 0).
  private static func bracketsMinimum(_ x: Double) -> Bool {
    tiltedQuarticDerivative(x - 1e-9) < 0 && tiltedQuarticDerivative(x + 1e-9) > 0
  }

  /// A returned x as a failure message shows it: with f′ and f″ there, never where the minima are.
  ///
  /// The messages print nothing that could be copied into the answer.
  private static func describe(_ x: Double) -> String {
    "x = \(TestSupport.format(x)), where f′(x) = \(TestSupport.format(tiltedQuarticDerivative(x))) and "
      + "f″(x) = \(TestSupport.format(1.2 * x * x - 6))"
  }

  /// The minimum of f in [low, high], an interval where f′ rises through 0 once, by bisection.
  private static func bisectMinimum(_ low: Double, _ high: Double) -> Double {
    var bracket = (left: low, right: high)
    while bracket.right - bracket.left > 1e-12 {
      let middle = (bracket.left + bracket.right) / 2
      if tiltedQuarticDerivative(middle) < 0 {
        bracket.left = middle
      } else {
        bracket.right = middle
      }
    }
    return (bracket.left + bracket.right) / 2
  }

  @Test("(1) the minima are near −3.954 and 3.787, not at −2 and 2")
  func minima() throws {
    let minima = tiltedQuarticMinima()
    try #require(minima.count == 2, "two local minima, got \(minima.count)")
    #expect(
      minima[0] < minima[1],
      "the minima in increasing order; got \(TestSupport.format(minima[0])) before \(TestSupport.format(minima[1]))"
    )
    for x in minima {
      #expect(
        Self.bracketsMinimum(x),
        """
        \(Self.describe(x)): a minimum has f′ = 0.4x³ − 6x + 1 = 0 and f″ > 0, and f′ should change \
        from − to + within 1e-9 of the value returned (the walkthrough's −2 and 2 have f′ ≠ 0)
        """)
    }
  }

  @Test("(1) the global minimum is the left one")
  func globalMinimum() {
    let x = tiltedQuarticGlobalMinimum()
    guard Self.bracketsMinimum(x) else {
      Issue.record(
        """
        tiltedQuarticGlobalMinimum() returned \(Self.describe(x)): not a local minimum to 1e-9 \
        (f′ should change from − to + within 1e-9 of it)
        """)
      return
    }
    // The test finds both minima itself and compares f: the lowest is the global one.
    let lowest = [Self.bisectMinimum(-10, -1), Self.bisectMinimum(1, 10)].map(tiltedQuartic).min()!
    let isLowest = tiltedQuartic(x) <= lowest + 1e-9
    #expect(
      isLowest,
      """
      tiltedQuarticGlobalMinimum() returned a local minimum, \(Self.describe(x)), where \
      f = \(TestSupport.format(tiltedQuartic(x))); f is lower at the other minimum (the walkthrough \
      says 2)
      """)
  }

  /// Checks that a run settled at the minimum of its start's well, without printing where it is.
  ///
  /// The maximum of f lies between −0.2 and 0.5, so for the starts used here the well is the one
  /// on the start's side of 0; settled means within 1e-9 of its minimum.
  private static func expectSettled(
    _ x: Double, from x0: Double, _ run: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let settled = bracketsMinimum(x) && (x < 0) == (x0 < 0)
    #expect(
      settled,
      """
      \(run) should end within 1e-9 of the minimum of the well it starts in (the \
      \(x0 < 0 ? "left" : "right") one), where f′ changes from − to +; it ends at \(describe(x))
      """, sourceLocation: sourceLocation)
  }

  @Test("(2) the walkthrough's SGD from −3 ends at the global minimum, not stuck")
  func sgd() {
    Self.expectSettled(sgdOnTiltedQuartic(), from: -3, "SGD, x₀ = −3, lr = 0.1, 20 steps")
  }

  @Test(
    "(2) SGD from other starts: a few steps, and where it ends (in the well it starts in)",
    arguments: [
      (3.0, 0.1, 20, nil), (0.5, 0.01, 1000, nil), (-0.2, 0.05, 300, nil),
      (-3.0, 0.01, 5, -3.366119421857164), (2.0, 0.02, 3, 2.4730965606162485),
    ] as [(Double, Double, Int, Double?)])
  func sgdElsewhere(x0: Double, lr: Double, steps: Int, expected: Double?) {
    // nil: the run has settled at a minimum, which the test checks without printing it.
    let x = sgdOnTiltedQuartic(x0: x0, lr: lr, steps: steps)
    let run = "SGD from \(TestSupport.format(x0)) with lr \(TestSupport.format(lr)), \(steps) steps"
    guard let expected else { return Self.expectSettled(x, from: x0, run) }
    TestSupport.expectClose(x, expected, tolerance: 1e-9, run)
  }

  /// A call of `sgdOnTiltedQuartic` that leaves one argument to its default.
  enum DefaultLeft: String, Sendable, CaseIterable {
    case x0, lr, steps
  }

  @Test(
    "(2) SGD's defaults, one at a time: x0 = −3, lr = 0.1, 20 steps",
    arguments: DefaultLeft.allCases)
  func sgdDefaults(left: DefaultLeft) {
    // Each run stops before it settles, so its end depends on the default it leaves out.
    let (x, expected, call): (Double, Double, String) =
      switch left {
      case .x0: (sgdOnTiltedQuartic(lr: 0.01, steps: 5), -3.366119421857164, "lr: 0.01, steps: 5")
      case .lr: (sgdOnTiltedQuartic(x0: 2, steps: 3), 3.783463744016194, "x0: 2, steps: 3")
      case .steps: (sgdOnTiltedQuartic(x0: 0.5, lr: 0.01), 1.1742837139111468, "x0: 0.5, lr: 0.01")
      }
    TestSupport.expectClose(
      x, expected, tolerance: 1e-9,
      "sgdOnTiltedQuartic(\(call)): the default \(left.rawValue) is the walkthrough's (x0 = −3, lr = 0.1, 20 steps)"
    )
  }

  @Test("(3) the walkthrough's momentum from −3 is still on its way to −3.954 after 20 steps")
  func momentum() {
    TestSupport.expectClose(
      momentumOnTiltedQuartic(), -3.7369947548212377, tolerance: 1e-9,
      "momentum v ← βv + (1 − β)f′(x), x ← x − lr·v from −3, lr 0.1, β 0.9, 20 steps (numpy's run)")
    TestSupport.expectClose(
      momentumOnTiltedQuartic(steps: 200), -3.9537908260098362, tolerance: 1e-9,
      "the same after 200 steps: in the left well, where it started")
  }

  @Test(
    "(3) momentum with other settings; with β = 0 it is SGD",
    arguments: [
      (3.0, 0.1, 0.9, 20, 3.546406957587988), (0.5, 0.05, 0.5, 100, nil),
      (-3.0, 0.1, 0.0, 20, nil), (-3.0, 0.1, 0.0, 3, -3.945519515455388),
    ] as [(Double, Double, Double, Int, Double?)])
  func momentumElsewhere(x0: Double, lr: Double, beta: Double, steps: Int, expected: Double?) {
    // nil: the run has settled at a minimum, which the test checks without printing it.
    let x = momentumOnTiltedQuartic(x0: x0, lr: lr, beta: beta, steps: steps)
    let run =
      "momentum from \(TestSupport.format(x0)), lr \(TestSupport.format(lr)), β \(TestSupport.format(beta)), \(steps) steps"
    guard let expected else { return Self.expectSettled(x, from: x0, run) }
    TestSupport.expectClose(x, expected, tolerance: 1e-9, run)
  }
}
