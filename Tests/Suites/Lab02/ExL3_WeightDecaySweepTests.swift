import Foundation
import Testing

@Suite("L3 Weight decay pulls towards the origin", .graded)
struct ExL3_WeightDecaySweepTests {
  @Test("the lab's sweep, λ = 0, 0.01, 0.1 (the defaults), ends where numpy ends it")
  func labSweep() throws {
    let sweep = weightDecaySweep()
    try #require(sweep.count == 3, "one entry per decay: 3 by default; got \(sweep.count)")
    #expect(sweep.map(\.weightDecay) == [0, 0.01, 0.1], "the decays, in the order given")
    let expected: [(final: [Double], distance: Double)] = [
      ([0.9999986852467231, 0.9999973666466436], 2.943318888378368e-06),
      ([0.9698407985668706, 0.9405277873628215], 0.06668224281655388),
      ([0.7909947903556521, 0.6252554303580009], 0.42908818456658177),
    ]
    for (entry, want) in zip(sweep, expected) {
      TestSupport.expectClose(
        entry.final, want.final, tolerance: 1e-9,
        "λ = \(TestSupport.format(entry.weightDecay)): the last point after 2000 steps, lr 5e-2, from (−1.5, 2) (numpy, the lab's adamw_step)"
      )
      TestSupport.expectClose(
        entry.distance, want.distance, tolerance: 1e-15, relativeTolerance: 1e-6,
        "λ = \(TestSupport.format(entry.weightDecay)): the distance from the last point to (1, 1)")
    }
  }

  @Test("the decay is decoupled: lr·λ·p leaves the weights beside Adam's step, it never joins g")
  func decoupled() throws {
    let sweep = weightDecaySweep(decays: [0.5], lr: 1e-2, nSteps: 10, start: [2, 2])
    let entry = try #require(sweep.first, "one decay, one entry")
    if norm(adding(entry.final, [1.9011775510564102, 2.09902291602169], scaledBy: -1)) < 1e-9 {
      Issue.record(
        "this is Adam with L2 regularization: λ·p was added to the gradient, so Adam's division by √v̂ rescales it. The lab's AdamW subtracts lr·λ·p from the weights after Adam's step, with the moments seeing ∇f alone."
      )
      return
    }
    if norm(adding(entry.final, [1.8070426682587966, 1.9978510737633548], scaledBy: -1)) < 1e-9 {
      Issue.record(
        "the decay was taken from the weights after Adam's step; the lab decays the weights the step started from"
      )
      return
    }
    TestSupport.expectClose(
      entry.final, [1.8065727571545434, 1.9983248213740552], tolerance: 1e-12,
      "λ 0.5, lr 1e-2, 10 steps from (2, 2) (numpy): every argument counts")
    TestSupport.expectClose(
      entry.distance, 1.2834375955049087, tolerance: 1e-12, "its distance to (1, 1)")
    let other = weightDecaySweep(decays: [0.05], lr: 1e-2, nSteps: 50, start: [0, 0])
    TestSupport.expectClose(
      other.first?.final ?? [], [0.440871058866752, 0.19324839958709228], tolerance: 1e-12,
      "λ 0.05, lr 1e-2, 50 steps from (0, 0) (numpy)")
    #expect(weightDecaySweep(decays: []).isEmpty, "no decays, no runs")
    let still = weightDecaySweep(decays: [0.1], nSteps: 0, start: [3, 5])
    TestSupport.expectClose(
      still.first?.final ?? [], [3, 5], tolerance: 0, "0 steps leave p at the start")
    TestSupport.expectClose(
      still.first?.distance ?? .nan, 2 * 5.0.squareRoot(), tolerance: 1e-15,
      "0 steps from (3, 5): its distance to (1, 1)")
  }

  @Test("heavier decay slides the end point down the valley towards the origin, away from (1, 1)")
  func pulledTowardsOrigin() throws {
    let sweep = weightDecaySweep()
    try #require(sweep.count == 3)
    let radii = sweep.map { norm($0.final) }
    #expect(
      radii[0] > radii[1] && radii[1] > radii[2],
      "the heavier the decay, the nearer the end point to the origin: ‖p‖ = \(radii.map(TestSupport.format))"
    )
    #expect(
      sweep[0].distance < sweep[1].distance && sweep[1].distance < sweep[2].distance,
      "the heavier the decay, the farther from (1, 1): \(sweep.map { TestSupport.format($0.distance) })"
    )
    for entry in sweep {
      let (x, y) = (entry.final[0], entry.final[1])
      #expect(
        abs(y - x * x) < 1e-3,
        "λ = \(TestSupport.format(entry.weightDecay)) ends on the valley floor y = x², only lower down it: y − x² = \(TestSupport.format(y - x * x))"
      )
    }
  }

  @Test(
    "decay does not only slow the approach: three times the steps still leave it short of (1, 1)")
  func biasNotDelay() throws {
    let long = weightDecaySweep(decays: [0.01, 0.1], nSteps: 6000)
    try #require(long.count == 2)
    #expect(
      long[0].distance > 0.02,
      "λ = 0.01 after 6000 steps: numpy's run is still 0.035 from (1, 1), and stays 0.031 to 0.057 away up to step 10⁵; yours is \(TestSupport.format(long[0].distance))"
    )
    #expect(
      long[1].distance > 0.15,
      "λ = 0.1 after 6000 steps: numpy's run is still 0.23 from (1, 1), and stays 0.22 to 0.29 away up to step 10⁵; yours is \(TestSupport.format(long[1].distance))"
    )
    #expect(
      long[1].distance > long[0].distance, "the heavier decay stays farther from (1, 1)")
  }
}
