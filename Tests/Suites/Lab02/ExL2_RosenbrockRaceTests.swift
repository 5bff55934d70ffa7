import Foundation
import Testing

@Suite("L2 The race on Rosenbrock", .graded)
struct ExL2_RosenbrockRaceTests {
  /// The lab's start, (−1.5, 2.0).
  private static let labStart: [Double] = [-1.5, 2.0]

  /// The largest |a − b| over every component of two trajectories (∞ if their shapes differ).
  private static func largestGap(_ a: [[Double]], _ b: [[Double]]) -> Double {
    guard a.count == b.count else { return .infinity }
    var gap = 0.0
    for (p, q) in zip(a, b) {
      guard p.count == q.count else { return .infinity }
      for (x, y) in zip(p, q) { gap = max(gap, x == y ? 0 : abs(x - y)) }
    }
    return gap
  }

  @Test("the lab's acceptance checks: Adam within 0.1, SGD farther than Adam, AdamW(0) = Adam")
  func acceptance() throws {
    let adam = run(optimizer: .adam, lr: 5e-2)
    let sgd = run(optimizer: .sgd, lr: 2e-3)
    let adamw = run(optimizer: .adamw(weightDecay: 0), lr: 5e-2)
    let momentum = run(optimizer: .momentum(beta: 0.9), lr: 2e-3)
    try #require(
      adam.count == 2001 && sgd.count == 2001 && adamw.count == 2001 && momentum.count == 2001,
      "2000 steps visit 2001 points, the start first")
    #expect(
      finalDistance(adam) < 0.1,
      "Adam (lr 5e-2) must end within 0.1 of (1, 1); it ends \(TestSupport.format(finalDistance(adam))) away"
    )
    #expect(
      finalDistance(sgd) > finalDistance(adam),
      "SGD (lr 2e-3) must end farther from (1, 1) than Adam: \(TestSupport.format(finalDistance(sgd))) against \(TestSupport.format(finalDistance(adam)))"
    )
    let gap = Self.largestGap(adamw, adam)
    #expect(
      gap < 1e-12,
      "AdamW with weight decay 0 must retrace Adam element for element (< 1e-12, the lab's check); the largest difference is \(TestSupport.format(gap))"
    )
    #expect(
      finalDistance(momentum) < finalDistance(adam),
      "with the lab's own settings Momentum (lr 2e-3) ends nearer (1, 1) than Adam: \(TestSupport.format(finalDistance(momentum))) against \(TestSupport.format(finalDistance(adam)))"
    )
  }

  /// A track and where numpy, running the lab's code, ends it after 2000 steps.
  struct Track: CustomTestStringConvertible, Sendable {
    let name: String
    let optimizer: RosenbrockOptimizer
    let lr: Double
    let distance: Double
    let final: [Double]
    /// Where a typical mistake ends this track, and what the mistake is.
    var mistakes: [(final: [Double], reason: String)] = []
    var testDescription: String { "\(name), lr \(lr)" }
  }

  @Test(
    "every track ends where the lab's numpy code ends it, 2000 steps from (−1.5, 2)",
    arguments: [
      Track(
        name: "SGD", optimizer: .sgd, lr: 2e-3, distance: 0.015083981270795615,
        final: [0.993246850854394, 0.9865121733553951]),
      Track(
        name: "Momentum β 0.9", optimizer: .momentum(beta: 0.9), lr: 2e-3,
        distance: 7.628208708383912e-09, final: [0.9999999965940142, 0.999999993174399]),
      Track(
        name: "Adam", optimizer: .adam, lr: 5e-2, distance: 2.943318888378368e-06,
        final: [0.9999986852467231, 0.9999973666466436],
        mistakes: [
          (
            [0.9999730064057409, 0.9999459337481782],
            "Adam's moments were not bias-corrected: m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), t = 1 on the first step"
          )
        ]),
      Track(
        name: "AdamW λ 0", optimizer: .adamw(weightDecay: 0), lr: 5e-2,
        distance: 2.943318888378368e-06, final: [0.9999986852467231, 0.9999973666466436]),
      Track(
        name: "Momentum β 0.5", optimizer: .momentum(beta: 0.5), lr: 2e-3,
        distance: 0.010912389535945326, final: [0.9951181351718889, 0.9902405101985677]),
      Track(
        name: "AdamW λ 0.01", optimizer: .adamw(weightDecay: 0.01), lr: 5e-2,
        distance: 0.06668224281655388, final: [0.9698407985668706, 0.9405277873628215],
        mistakes: [
          (
            [0.9855010029922263, 0.9711636667658776],
            "this is Adam + L2: λ·p was added to the gradient, where Adam's √v̂ rescales it; the lab's AdamW subtracts lr·λ·p (the weights before the step) beside Adam's step, decoupled from the moments"
          )
        ]),
      Track(
        name: "Nesterov β 0.9", optimizer: .nesterov(), lr: 1e-3,
        distance: 0.00017009501203949474, final: [0.999924050487524, 0.9998478028098966],
        mistakes: [
          (
            [0.99988359043433, 0.9997667285624895],
            "this is heavy-ball momentum's track (p − lr·v); Nesterov's step adds the look-ahead, p − lr·(g + β·v)"
          )
        ]),
    ])
  func finalDistances(_ track: Track) throws {
    let trajectory = run(optimizer: track.optimizer, lr: track.lr)
    try #require(trajectory.count == 2001, "2000 steps visit 2001 points")
    let last = trajectory.last ?? []
    if !last.allSatisfy(\.isFinite) {
      Issue.record(
        "\(track.name): the run left the finite numbers, ending at \(TestSupport.format(last)); numpy's run of the lab's code stays finite (a bias correction with t = 0 divides by 1 − β⁰ = 0)"
      )
      return
    }
    for mistake in track.mistakes
    where last.count == 2 && norm(adding(last, mistake.final, scaledBy: -1)) < 1e-7 {
      Issue.record(Comment(rawValue: "\(track.name): \(mistake.reason)"))
      return
    }
    TestSupport.expectClose(
      trajectory.last ?? [], track.final, tolerance: 1e-9,
      "\(track.name): the last point (numpy's run of the lab's code)")
    TestSupport.expectClose(
      finalDistance(trajectory), track.distance, tolerance: 1e-15, relativeTolerance: 1e-6,
      "\(track.name): finalDistance of your trajectory")
  }

  @Test("one gradient evaluation per step, through `gradient`; nSteps + 1 points, the start first")
  func trajectoryShape() throws {
    let optimizers: [RosenbrockOptimizer] = [
      .sgd, .momentum(), .adam, .adamw(weightDecay: 0.1), .nesterov(),
    ]
    for optimizer in optimizers {
      var calls = 0
      let trajectory = run(optimizer: optimizer, lr: 1e-3, nSteps: 7, start: [0.5, -0.5]) {
        calls += 1
        return rosenbrockGrad($0)
      }
      #expect(
        calls == 7,
        "\(optimizer): 7 steps evaluate the gradient 7 times, once at each point a step starts from; got \(calls)"
      )
      #expect(
        trajectory.count == 8, "\(optimizer): 7 steps give 8 points; got \(trajectory.count)")
      #expect(trajectory.first == [0.5, -0.5], "\(optimizer): the trajectory starts at `start`")
      var none = 0
      let still = run(optimizer: optimizer, lr: 1e-3, nSteps: 0, start: [3, 4]) {
        none += 1
        return rosenbrockGrad($0)
      }
      #expect(still == [[3, 4]], "\(optimizer): 0 steps give [start]; got \(still)")
      #expect(none == 0, "\(optimizer): 0 steps need no gradient")
    }
    let bowl = run(
      optimizer: .sgd, lr: 0.1, nSteps: 3, start: [0, 0], gradient: ellipticBowlGradient)
    try #require(bowl.count == 4)
    TestSupport.expectClose(
      bowl[3], [0.488, 1.568], tolerance: 1e-12,
      "SGD on the elliptic bowl (gradient (2(x − 1), 4(y − 2))), lr 0.1, 3 steps from (0, 0): run must step with the `gradient` it is given"
    )
    let first = run(optimizer: .sgd, lr: 2e-3, nSteps: 1)
    TestSupport.expectClose(
      first.last ?? [], [-1.19, 2.1], tolerance: 1e-14,
      "SGD's first step from (−1.5, 2), where ∇f = (−155, −50), lr 2e-3")
    let adamFirst = run(optimizer: .adam, lr: 5e-2, nSteps: 1)
    TestSupport.expectClose(
      adamFirst.last ?? [], [-1.4500000000032258, 2.04999999999], tolerance: 1e-12,
      "Adam's first step: about lr against the gradient's sign in each coordinate (bias-corrected, t = 1)"
    )
  }

  @Test("the defaults: 2000 steps from (−1.5, 2) on Rosenbrock's gradient")
  func defaults() throws {
    let adam = run(optimizer: .adam, lr: 5e-2)
    try #require(adam.count == 2001, "nSteps defaults to 2000: 2001 points; got \(adam.count)")
    #expect(adam[0] == [-1.5, 2.0], "start defaults to (−1.5, 2.0)")
    TestSupport.expectClose(
      finalDistance(adam), 2.943318888378368e-06, tolerance: 1e-15, relativeTolerance: 1e-6,
      "Adam, lr 5e-2, with every default (gradient: rosenbrockGrad)")
  }

  @Test("Nesterov at the race's lr 2e-3 diverges (not finite from step 8)")
  func nesterovDiverges() throws {
    let trajectory = run(optimizer: .nesterov(), lr: 2e-3, nSteps: 40)
    try #require(trajectory.count == 41)
    #expect(
      trajectory[7].allSatisfy(\.isFinite) && !trajectory[8].allSatisfy(\.isFinite),
      "numpy's run of the stretch's Nesterov (β 0.9, lr 2e-3) is finite to step 7 and overflows at step 8; yours: \(TestSupport.format(trajectory[7])), \(TestSupport.format(trajectory[8]))"
    )
    #expect(
      !finalDistance(trajectory).isFinite, "the final distance of a diverged run is not finite")
  }

  @Test("finalDistance and losses, by hand")
  func measures() {
    TestSupport.expectClose(
      finalDistance([[0, 0], [4, 5]]), 5, tolerance: 1e-15, "from the last point (4, 5) to (1, 1)")
    TestSupport.expectClose(
      finalDistance([[1, 2]]), 1, tolerance: 1e-15, "a trajectory of one point: (1, 2)")
    TestSupport.expectClose(
      losses([[1, 1], [0, 0], [-1, 1], [0, 1]]), [0, 1, 4, 101], tolerance: 1e-12,
      "f at (1, 1), (0, 0), (−1, 1), (0, 1): one loss per point, in order")
    #expect(losses([]).isEmpty, "no points, no losses")
  }

  @Test(
    "the stretch's loss panel: SGD and Momentum overshoot early, Adam never rises above its start")
  func lossCurves() throws {
    let sgd = losses(run(optimizer: .sgd, lr: 2e-3))
    let momentum = losses(run(optimizer: .momentum(), lr: 2e-3))
    let adam = losses(run(optimizer: .adam, lr: 5e-2))
    try #require(
      sgd.count == 2001 && momentum.count == 2001 && adam.count == 2001,
      "one loss per point: 2001")
    let chart = TestSupport.lossChart([("SGD", sgd), ("Momentum", momentum), ("Adam", adam)])
    TestSupport.expectClose(
      sgd.max() ?? .nan, 510.9898918740197, tolerance: 1e-9, relativeTolerance: 1e-12,
      "SGD's highest loss (numpy: at step 3)\n\(chart)")
    #expect(sgd.firstIndex(of: sgd.max() ?? .nan) == 3, "SGD's loss peaks at step 3")
    TestSupport.expectClose(
      momentum.max() ?? .nan, 51.56802100000002, tolerance: 1e-9, relativeTolerance: 1e-12,
      "Momentum's highest loss, at step 1 (its first step is SGD's)")
    TestSupport.expectClose(
      adam.dropFirst().max() ?? .nan, 8.8280726524438, tolerance: 1e-9, relativeTolerance: 1e-12,
      "Adam's highest loss after the start f = 12.5: it never climbs above where it began\n\(chart)"
    )
  }
}
