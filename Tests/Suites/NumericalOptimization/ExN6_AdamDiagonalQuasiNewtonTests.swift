import Foundation
import Testing

@Suite("N6 Adam as diagonal quasi-Newton", .graded)
struct ExN6_AdamDiagonalQuasiNewtonTests {
  /// A small bowl for exact iterates: f = ½xᵀAx − bᵀx with A = [[3, 1], [1, 2]], b = (1, −1).
  let bowl = Quadratic(a: Matrix([[3, 1], [1, 2]]), b: [1, -1])
  /// The start for the exact iterates; the gradient there is (4, 6).
  let start: [Double] = [1, 2]

  /// The curvatures cᵢ = 10^(3i/19), i = 0…19: numpy's logspace(0, 3, 20).
  static let c: [Double] = (0..<20).map { pow(10, 3 * Double($0) / 19) }
  /// f(x) = Σ cᵢxᵢ², condition number 1000.
  static func illConditioned(_ x: [Double]) -> Double {
    zip(c, x).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
  }
  /// ∇f(x) = 2cᵢxᵢ.
  static func illConditionedGrad(_ x: [Double]) -> [Double] {
    zip(c, x).map { 2 * $0 * $1 }
  }
  static let ones = Array(repeating: 1.0, count: 20)

  @Test("(a) adam: exact iterates and the loss after each step")
  func exactIterates() {
    // Default hyperparameters, three steps (numbers from a numpy run of the same iteration).
    let short = adam(f: bowl.value, gradF: bowl.gradient, x0: start, T: 3)
    TestSupport.expectClose(
      short.x, [0.997000096057755, 1.9970000478946948], tolerance: 1e-12,
      "x after 3 steps with the defaults (lr 1e-3): every step should move each coordinate by about lr"
    )
    TestSupport.expectClose(
      short.losses, [8.490003500019984, 8.48001418297139, 8.470032170015465], tolerance: 1e-12,
      "losses of 3 steps: f(x) after each step, not before (f(x0) = 8.5)")

    // Other hyperparameters, with an ε large enough to matter.
    let custom = adam(
      f: bowl.value, gradF: bowl.gradient, x0: start, lr: 0.05, beta1: 0.8, beta2: 0.9, eps: 0.1,
      T: 4)
    TestSupport.expectClose(
      custom.x, [0.8058521874824632, 1.8036893450991034], tolerance: 1e-12,
      "x after 4 steps with lr 0.05, β₁ 0.8, β₂ 0.9, ε 0.1 (ε is added to √v̂, outside the root)")
    TestSupport.expectClose(
      custom.losses,
      [8.018183130586229, 7.553850657645547, 7.107290139906183, 6.678736037633003],
      tolerance: 1e-12, "losses of those 4 steps")

    // With bias correction the first step is lr·g/(|g| + ε): lr per coordinate.
    let first = adam(f: bowl.value, gradF: bowl.gradient, x0: start, lr: 0.1, T: 1)
    TestSupport.expectClose(
      first.x, [0.9, 1.9], tolerance: 1e-8,
      "x after 1 step with lr 0.1: the bias-corrected first step is lr·g/|g| (t starts at 1)")
    TestSupport.expectClose(
      first.losses, [7.535000001850001], tolerance: 1e-7, "the single loss of T = 1")
  }

  @Test("(b) on Σ cᵢxᵢ² (cᵢ from 1 to 1000) Adam beats SGD with momentum; diagonal Newton is exact")
  func compareOnIllConditioned() throws {
    let run = adam(
      f: Self.illConditioned, gradF: Self.illConditionedGrad, x0: Self.ones, lr: 1e-2, T: 2000)
    try #require(run.losses.count == 2000, "adam with T = 2000 should record 2000 losses")
    let (adam500, adam2000) = (run.losses[499], run.losses[1999])
    let (sgd500, sgd2000) = Self.momentumLosses()
    // Diagonal Newton, x ← x − g/(2c), lands on 0 in one step: f = 0 from step 1 on.
    TestSupport.expectClose(
      adam500, 5.783697971e-14, tolerance: 0, relativeTolerance: 1e-6,
      "Adam's f after 500 steps (lr 1e-2)")
    TestSupport.expectClose(
      adam2000, 2.650788905e-83, tolerance: 0, relativeTolerance: 1e-6,
      "Adam's f after 2000 steps (lr 1e-2)")
    #expect(
      adam500 < sgd500,
      "after 500 steps Adam (f = \(adam500)) should be ahead of SGD + momentum (f = \(sgd500)); diagonal Newton has f = 0"
    )
    #expect(
      adam2000 < sgd2000,
      "after 2000 steps Adam (f = \(adam2000)) should be ahead of SGD + momentum (f = \(sgd2000)); diagonal Newton has f = 0"
    )
  }

  @Test(
    "(c) Adam's effective rate scales like 1/cᵢ, but its ratio to Newton's 1/(2cᵢ) keeps growing")
  func effectiveLearningRates() {
    let defaults = adamEffectiveLearningRates(gradF: bowl.gradient, x0: start, T: 3)
    TestSupport.expectClose(
      defaults, [0.00025025033120984, 0.00016675008265319], tolerance: 0,
      relativeTolerance: 1e-10, "lr/(√v̂ + ε) after 3 steps with the defaults")
    let custom = adamEffectiveLearningRates(
      gradF: bowl.gradient, x0: start, lr: 0.05, beta1: 0.8, beta2: 0.9, eps: 0.1, T: 4)
    TestSupport.expectClose(
      custom, [0.01319971110104624, 0.00852868163576301], tolerance: 0, relativeTolerance: 1e-10,
      "lr/(√v̂ + ε) after 4 steps with lr 0.05, β₁ 0.8, β₂ 0.9, ε 0.1 (ε outside the root)")

    // On Σ cᵢxᵢ² every coordinate follows the same path (Adam ignores the scale of each
    // gradient), so effective_lr / newton_lr is the same for all i; numbers from numpy.
    let expected: [(t: Int, ratio: Double)] = [
      (100, 0.016534260), (5000, 0.60957), (10000, 7.4604),
    ]
    var ratios: [[Double]] = []
    for (t, value) in expected {
      let rates = adamEffectiveLearningRates(
        gradF: Self.illConditionedGrad, x0: Self.ones, lr: 1e-2, T: t)
      let ratio = zip(rates, Self.c).map { rate, c in rate * 2 * c }
      TestSupport.expectClose(
        ratio, Array(repeating: value, count: 20), tolerance: 0, relativeTolerance: 1e-3,
        "effective_lr / newton_lr = lr/(√v̂ + ε) · 2cᵢ after \(t) steps, for each coordinate")
      ratios.append(ratio)
    }
    for i in [0, 19] {
      #expect(
        ratios[1][i] > 10 * ratios[0][i] && ratios[2][i] > 10 * ratios[1][i],
        "the ratio for c = \(TestSupport.format(Self.c[i])) should keep growing (\(TestSupport.format(ratios.map { $0[i] }))) at t = 100, 5000, 10000: √v̂ forgets the early large gradients as x → 0"
      )
    }
  }

  /// f after 500 and after 2000 steps of the document's momentum: v ← 0.9v − 0.001g; x += v.
  static func momentumLosses() -> (Double, Double) {
    var x = ones
    var v = Array(repeating: 0.0, count: 20)
    var after500 = 0.0
    for step in 1...2000 {
      let g = illConditionedGrad(x)
      for i in x.indices {
        v[i] = 0.9 * v[i] - 0.001 * g[i]
        x[i] += v[i]
      }
      if step == 500 { after500 = illConditioned(x) }
    }
    return (after500, illConditioned(x))
  }
}
