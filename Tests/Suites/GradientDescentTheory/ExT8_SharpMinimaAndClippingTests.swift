import Foundation
import Testing

@Suite("T8 Sharp and flat minima, and clipping an exploding gradient", .graded)
struct ExT8_SharpMinimaAndClippingTests {
  @Test("the two surfaces of §7.2")
  func surfaces() {
    TestSupport.expectClose(
      sharpMinimum([0.5, -2]), 4.25, tolerance: 1e-15, "x² + y² at (0.5, −2)")
    TestSupport.expectClose(
      flatMinimum([0.5, -2]), 0.425, tolerance: 1e-15, "0.1x² + 0.1y² at (0.5, −2)")
    #expect(sharpMinimum([0, 0]) == 0 && flatMinimum([0, 0]) == 0)
  }

  @Test(
    "at the minimum every direction raises the loss by a·r²: ten times more at the sharp one",
    arguments: [0.1, 0.5])
  func riseAtTheMinimum(radius: Double) {
    var random = NumpyRandomState(seed: 3)
    let sharp = lossIncrease(
      loss: sharpMinimum, at: [0, 0], radius: radius, samples: 50, random: &random)
    let flat = lossIncrease(
      loss: flatMinimum, at: [0, 0], radius: radius, samples: 50, random: &random)
    TestSupport.expectClose(
      sharp, radius * radius, tolerance: 1e-12,
      "the sharp minimum's rise for perturbations of length \(TestSupport.format(radius)) (each one has length exactly r)"
    )
    TestSupport.expectClose(
      flat, 0.1 * radius * radius, tolerance: 1e-12, "the flat minimum's rise")
  }

  @Test("away from the minimum, with the same directions, the rises still differ tenfold")
  func riseElsewhere() {
    var first = NumpyRandomState(seed: 11)
    var second = NumpyRandomState(seed: 11)
    let w: [Double] = [1, -0.5]
    let sharp = lossIncrease(loss: sharpMinimum, at: w, radius: 0.2, samples: 400, random: &first)
    let flat = lossIncrease(loss: flatMinimum, at: w, radius: 0.2, samples: 400, random: &second)
    TestSupport.expectClose(
      sharp, 10 * flat, tolerance: 1e-12, "sharp rise = 10 × flat rise for the same draws")
    TestSupport.expectClose(
      sharp, 0.04, tolerance: 0.02, "the mean rise 2wᵀδ + r² averages to r² = 0.04 over directions")
  }

  @Test(
    "in five dimensions each direction is drawn in all five (randn(w.count)), scaled to length r")
  func riseInFiveDimensions() {
    let curvatures: [Double] = [0.5, 3, 1, 4, 2]
    let bowl: ([Double]) -> Double = { point in
      zip(curvatures, point).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
    }
    let w: [Double] = [0.2, -0.1, 0.4, 0.3, -0.5]
    var random = NumpyRandomState(seed: 23)
    var replay = random
    let measured = lossIncrease(loss: bowl, at: w, radius: 0.3, samples: 6, random: &random)
    var totalRise = 0.0
    for _ in 0..<6 {
      let u = replay.randn(5)
      let length = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
      totalRise += bowl(w.indices.map { w[$0] + 0.3 / length * u[$0] }) - bowl(w)
    }
    let expected = totalRise / 6
    let agrees = measured.isApproximatelyEqual(
      to: expected, absoluteTolerance: 1e-14, relativeTolerance: 1e-10)
    #expect(
      agrees,
      "lossIncrease on a 5-dimensional bowl Σ aᵢwᵢ² returned \(TestSupport.format(measured)), which is not the mean rise over 6 directions u = random.randn(5), each perturbation δ = r·u/‖u‖ moving all five weights"
    )
  }

  @Test("the chapter's network: W = 2·randn(10, 10), h₀ = randn(10), 20 steps (numpy's numbers)")
  func chaptersNetwork() {
    var random = NumpyRandomState(seed: 42)
    let w = 2 * random.randn(rows: 10, columns: 10)
    let h0 = random.randn(10)
    let (loss, gradient) = rnnLossGradient(W: w, h0: h0, steps: 20)
    TestSupport.expectClose(loss, -1.0319206325509944, tolerance: 1e-12, "the loss Σ h₂₀")
    TestSupport.expectClose(
      norm(gradient.elements), 33.81187235660101, tolerance: 1e-9,
      "‖∂loss/∂W‖: large, next to max_norm = 1")
    TestSupport.expectClose(
      Array(gradient.row(0).prefix(3)),
      [-2.5200218427266337, -1.2151125002984577, 1.0894190809542816],
      tolerance: 1e-10, "∂loss/∂W, first row, first three entries")
  }

  @Test("the gradient agrees with central differences, entry by entry", arguments: [1, 4])
  func gradientCheck(steps: Int) {
    var random = NumpyRandomState(seed: 5)
    let w = random.randn(rows: 3, columns: 3)
    let h0 = random.randn(3)
    let gradient = rnnLossGradient(W: w, h0: h0, steps: steps).gradient
    let h = 1e-6
    for i in 0..<3 {
      for j in 0..<3 {
        var plus = w
        var minus = w
        plus[i, j] += h
        minus[i, j] -= h
        let estimate =
          (rnnLossGradient(W: plus, h0: h0, steps: steps).loss
            - rnnLossGradient(W: minus, h0: h0, steps: steps).loss) / (2 * h)
        TestSupport.expectClose(
          gradient[i, j], estimate, tolerance: 1e-7,
          "∂loss/∂W[\(i), \(j)] with \(steps) step\(steps == 1 ? "" : "s"), against a central difference"
        )
      }
    }
  }

  @Test("no steps: the loss is Σ h₀ and W has no influence")
  func noSteps() {
    let result = rnnLossGradient(W: Matrix([[1, 2], [3, 4]]), h0: [0.5, -2], steps: 0)
    #expect(result.loss == -1.5)
    #expect(result.gradient == Matrix(rows: 2, columns: 2))
  }

  @Test("clipping by norm keeps the direction and brings the norm down to max_norm")
  func clipNorm() {
    let g = Matrix([[3, 0], [0, -4]])
    let clipped = clipGradientNorm(g, maxNorm: 1)
    TestSupport.expectClose(
      clipped.elements, [0.6, 0, 0, -0.8], tolerance: 1e-15, "5 → 1: every entry divided by 5")
    TestSupport.expectClose(
      clipGradientNorm(g, maxNorm: 2).elements, [1.2, 0, 0, -1.6], tolerance: 1e-15,
      "5 → 2: every entry multiplied by θ/‖g‖ = 2/5")
    #expect(clipGradientNorm(g, maxNorm: 5) == g, "a gradient with norm max_norm stays as it is")
    #expect(clipGradientNorm(g, maxNorm: 10) == g, "a shorter gradient stays as it is")
  }

  @Test(
    "clipping by norm keeps an exploded gradient visible: a NaN or infinite entry stays non-finite")
  func clipNormKeepsNaN() {
    let withNaN = clipGradientNorm(Matrix([[.nan, 3], [0, -4]]), maxNorm: 1)
    #expect(
      withNaN[0, 0].isNaN,
      "a NaN entry must stay NaN, as torch's clip_grad_norm_ leaves it; got \(withNaN[0, 0])")
    let withInfinity = clipGradientNorm(Matrix([[.infinity, 3], [0, -4]]), maxNorm: 1)
    #expect(
      !withInfinity[0, 0].isFinite,
      "an infinite entry has an infinite norm: θ·g/‖g‖ is not a number there (torch gives NaN), and it must not turn finite; got \(withInfinity[0, 0])"
    )
  }

  @Test("clipping by value clamps each entry and may turn the direction")
  func clipValue() {
    let g = Matrix([[3, -0.5], [0.2, -4]])
    TestSupport.expectClose(
      clipGradientValue(g, maxValue: 1).elements, [1, -0.5, 0.2, -1], tolerance: 0,
      "each entry into [−1, 1]")
    #expect(clipGradientValue(g, maxValue: 5) == g)
  }

  @Test("clipping by value keeps a NaN entry NaN (as np.clip does) and clamps infinities")
  func clipValueKeepsNaN() {
    let g = Matrix([[.nan, .infinity], [-.infinity, 0.5]])
    let clipped = clipGradientValue(g, maxValue: 1)
    #expect(clipped[0, 0].isNaN, "a NaN entry must stay visible, got \(clipped[0, 0])")
    #expect(Array(clipped.elements.dropFirst()) == [1, -1, 0.5])
  }

  @Test("the chapter's demonstration: the exploding gradient clipped to norm 1, and by value")
  func demonstration() {
    var random = NumpyRandomState(seed: 42)
    let w = 2 * random.randn(rows: 10, columns: 10)
    let gradient = rnnLossGradient(W: w, h0: random.randn(10), steps: 20).gradient
    let byNorm = clipGradientNorm(gradient, maxNorm: 1)
    TestSupport.expectClose(
      norm(byNorm.elements), 1, tolerance: 1e-12, "after clip_grad_norm_ with max_norm 1")
    TestSupport.expectClose(
      scaled(byNorm.elements, by: norm(gradient.elements)), gradient.elements, tolerance: 1e-9,
      "clipping by norm only rescales")
    let byValue = clipGradientValue(gradient, maxValue: 1)
    #expect(byValue.elements.allSatisfy { abs($0) <= 1 })
    #expect(norm(byValue.elements) > 1, "value clipping does not bound the norm")
  }
}
