import Testing

@Suite("W1 Momentum on the tilted quartic", .graded)
struct ExW1_MomentumOnTheTiltedQuarticTests {
  @Test("(1) the minima are near −3.954 and 3.787, not at −2 and 2")
  func minima() throws {
    let minima = tiltedQuarticMinima()
    try #require(minima.count == 2, "two local minima, got \(minima.count)")
    TestSupport.expectClose(
      minima, [-3.953771324534444, 3.7867942884047063], tolerance: 1e-9,
      "the x with f′(x) = 0.4x³ − 6x + 1 = 0 and f″(x) > 0, increasing (the walkthrough's −2 and 2 have f′ ≠ 0)"
    )
  }

  @Test("(1) the global minimum is the left one")
  func globalMinimum() {
    TestSupport.expectClose(
      tiltedQuarticGlobalMinimum(), -3.953771324534444, tolerance: 1e-9,
      "where f is lowest: f(−3.954) ≈ −26.41 and f(3.787) ≈ −18.67 (the walkthrough says 2)")
  }

  @Test("(2) the walkthrough's SGD from −3 ends at the global minimum, not stuck")
  func sgd() {
    TestSupport.expectClose(
      sgdOnTiltedQuartic(), -3.9537713245369757, tolerance: 1e-9,
      "SGD, x₀ = −3, lr = 0.1, 20 steps (numpy's run)")
  }

  @Test(
    "(2) SGD from other starts: a few steps, and where it ends (in the well it starts in)",
    arguments: [
      (3.0, 0.1, 20, 3.7867942884047046), (0.5, 0.01, 1000, 3.786794288404703),
      (-0.2, 0.05, 300, -3.9537713245344412), (-3.0, 0.01, 5, -3.366119421857164),
      (2.0, 0.02, 3, 2.4730965606162485),
    ])
  func sgdElsewhere(x0: Double, lr: Double, steps: Int, expected: Double) {
    TestSupport.expectClose(
      sgdOnTiltedQuartic(x0: x0, lr: lr, steps: steps), expected, tolerance: 1e-9,
      "SGD from \(TestSupport.format(x0)) with lr \(TestSupport.format(lr)), \(steps) steps")
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
      (3.0, 0.1, 0.9, 20, 3.546406957587988), (0.5, 0.05, 0.5, 100, 3.7867942884047383),
      (-3.0, 0.1, 0.0, 20, -3.9537713245369757),
    ])
  func momentumElsewhere(x0: Double, lr: Double, beta: Double, steps: Int, expected: Double) {
    TestSupport.expectClose(
      momentumOnTiltedQuartic(x0: x0, lr: lr, beta: beta, steps: steps), expected, tolerance: 1e-9,
      "momentum from \(TestSupport.format(x0)), lr \(TestSupport.format(lr)), β \(TestSupport.format(beta)), \(steps) steps"
    )
  }
}
