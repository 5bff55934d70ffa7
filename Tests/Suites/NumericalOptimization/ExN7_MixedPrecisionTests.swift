import Testing

@Suite("N7 Mixed-precision gradient accumulation", .graded)
struct ExN7_MixedPrecisionTests {
  /// Gradients and what Float16 makes of them.
  ///
  /// Boundaries: the smallest normal 2⁻¹⁴ (a value
  /// just below it rounds up onto it), the smallest subnormal 2⁻²⁴ (anything above 2⁻²⁵ rounds
  /// up to it), 2⁻²⁵ itself (a tie, rounded to even: 0), and 65504 (65520 and above round to ∞).
  static let fates: [(Float, Float16Fate)] = [
    (1e-3, .normal), (-1e-3, .normal), (1, .normal), (6.2e-5, .normal), (0x1p-14, .normal),
    (6.1034e-5, .normal), (65504, .normal), (65519, .normal), (-65519, .normal),
    (6.1e-5, .subnormal), (3e-5, .subnormal), (-3e-5, .subnormal), (1e-5, .subnormal),
    (1e-7, .subnormal), (-1e-7, .subnormal), (0x1p-24, .subnormal), (4e-8, .subnormal),
    (0x1p-25, .zero), (-0x1p-25, .zero), (1e-8, .zero), (-1e-8, .zero), (0, .zero),
    (-0.0, .zero),
    (65520, .overflow), (1e5, .overflow), (-131072, .overflow), (.infinity, .overflow),
  ]

  @Test(
    "(a) what Float16 makes of a gradient: normal, subnormal, zero or overflow", arguments: fates)
  func fateOfAGradient(gradient: Float, expected: Float16Fate) {
    let fate = float16Fate(gradient)
    #expect(
      fate == expected,
      "float16Fate(\(gradient)) returned \(fate), expected \(expected): \(describeHalf(gradient))"
    )
  }

  @Test("(b) loss scaling: scale in fp32, round to fp16, unscale in fp32; overflow is caught")
  func lossScaling() {
    // With S = 2¹⁵ every small gradient comes back to Float16's relative precision 2⁻¹¹.
    // The expected values are Float(Float16(g · 2¹⁵)) / 2¹⁵, exact because S is a power of two.
    let scaled: [(gradient: Float, expected: Float)] = [
      (1e-7, 1.0000076e-7), (3e-5, 2.9996037e-5), (1e-5, 9.998679e-6), (1e-8, 9.997166e-9),
      (-1e-7, -1.0000076e-7), (1e-3, 1.0004044e-3), (0.5, 0.5), (0, 0),
    ]
    for (g, expected) in scaled {
      let result = lossScaledGradient(g)
      TestSupport.expectClose(
        Double(result), Double(expected), tolerance: 0, relativeTolerance: 1e-6,
        "lossScaledGradient(\(g)) with S = 2¹⁵ should be Float(Float16(g·S))/S, within Float16's "
          + "relative precision 2⁻¹¹ of g; " + scalingDiagnosis(g, result: result, scale: 32768))
    }

    // Without scaling (S = 1) the same gradients go through plain Float16: 1e-7 comes back 19%
    // too large (a subnormal) and 1e-8 vanishes. The scale argument must be the one used.
    let plain: [(gradient: Float, scale: Float, expected: Float)] = [
      (1e-7, 1, 1.1920929e-7), (3e-5, 1, 2.9981136e-5), (1e-8, 1, 0), (1e-8, 1024, 1.0011718e-8),
    ]
    for (g, scale, expected) in plain {
      let result = lossScaledGradient(g, scale: scale)
      TestSupport.expectClose(
        Double(result), Double(expected), tolerance: 0, relativeTolerance: 1e-6,
        "lossScaledGradient(\(g), scale: \(TestSupport.format(Double(scale)))); "
          + scalingDiagnosis(g, result: result, scale: scale))
    }

    // A gradient of 4 scaled by 2¹⁵ is 131072 > 65504: Float16 overflows to ∞, and so does the
    // unscaled result. The scaler's check must see it.
    #expect(
      lossScaledGradient(4) == .infinity,
      "lossScaledGradient(4) = \(lossScaledGradient(4)): 4·2¹⁵ = 131072 exceeds Float16's largest finite 65504, so Float16 makes it +∞ and the result must stay +∞"
    )
    #expect(
      lossScaledGradient(-4) == -.infinity,
      "lossScaledGradient(-4) = \(lossScaledGradient(-4)) should be −∞ (−131072 overflows Float16)"
    )
    #expect(
      lossScaledGradient(4, scale: 1024) == 4,
      "lossScaledGradient(4, scale: 1024) = \(lossScaledGradient(4, scale: 1024)): 4·1024 = 4096 fits in Float16, so 4 comes back exactly"
    )

    let finite: [[Float16]] = [
      [], [1, -2, 0], [.greatestFiniteMagnitude, -.greatestFiniteMagnitude],
      [.leastNonzeroMagnitude, -0.0, .leastNormalMagnitude],
    ]
    for grads in finite {
      #expect(
        gradientsAreFinite(grads),
        "gradientsAreFinite(\(grads)) should be true: no gradient is ±∞ or NaN (zeros, subnormals and ±65504 are finite)"
      )
    }
    let overflowed = [Float16(Float(1e-7) * 32768), Float16(Float(4) * 32768), 0.5]
    let broken: [[Float16]] = [
      overflowed, [.infinity], [1, 2, -.infinity], [.nan], [3, .nan, 1], [-.nan, -.nan],
    ]
    for grads in broken {
      #expect(
        !gradientsAreFinite(grads),
        "gradientsAreFinite(\(grads)) should be false: a scaled gradient is ±∞ or NaN, every element must be checked"
      )
    }
  }

  @Test("(c) DynamicLossScaler: halve and skip on overflow, grow after growthInterval good steps")
  func dynamicLossScaler() {
    let fresh = DynamicLossScaler()
    #expect(
      fresh.scale == 32768 && fresh.growthInterval == 2000 && fresh.growthFactor == 2
        && fresh.backoffFactor == 0.5 && fresh.stepsSinceOverflow == 0,
      "DynamicLossScaler() should start at scale 32768, growthInterval 2000, growthFactor 2, backoffFactor 0.5, stepsSinceOverflow 0; got \(fresh.scale), \(fresh.growthInterval), \(fresh.growthFactor), \(fresh.backoffFactor), \(fresh.stepsSinceOverflow)"
    )

    // Growth on exactly the 3rd good step in a row, the counter reset by growth and by overflow,
    // consecutive overflows halving each time.
    let good = true
    let bad = false
    replay(
      DynamicLossScaler(initScale: 1024, growthInterval: 3), "initScale 1024, growthInterval 3",
      [
        (good, 1024, 1), (good, 1024, 2), (good, 2048, 0), (good, 2048, 1), (bad, 1024, 0),
        (good, 1024, 1), (good, 1024, 2), (bad, 512, 0), (good, 512, 1), (good, 512, 2),
        (good, 1024, 0), (good, 1024, 1), (good, 1024, 2), (good, 2048, 0), (bad, 1024, 0),
        (bad, 512, 0), (good, 512, 1),
      ])
    replay(
      DynamicLossScaler(initScale: 100, growthInterval: 2, growthFactor: 3, backoffFactor: 0.25),
      "initScale 100, growthInterval 2, growthFactor 3, backoffFactor 0.25",
      [(good, 100, 1), (good, 300, 0), (bad, 75, 0), (good, 75, 1), (good, 225, 0)])
    replay(
      DynamicLossScaler(initScale: 8, growthInterval: 1), "initScale 8, growthInterval 1",
      [(good, 16, 0), (good, 32, 0), (bad, 16, 0), (good, 32, 0)])

    // The document's simulation: 100 steps from 2¹⁰ with growthInterval 20, where the steps
    // that overflow are the ones numpy's seed 0 draws below 0.05 in the document's loop.
    let overflowSteps: Set = [16, 34, 75, 97, 99]
    let scaler = DynamicLossScaler(initScale: 1024, growthInterval: 20)
    var scales = [scaler.scale]
    var skipped: [Int] = []
    for step in 0..<100 {
      if !scaler.step(gradsOK: !overflowSteps.contains(step)) { skipped.append(step) }
      scales.append(scaler.scale)
    }
    #expect(
      skipped == overflowSteps.sorted(),
      "skipped updates at steps \(skipped); only the overflow steps \(overflowSteps.sorted()) should be skipped"
    )
    let everyTwenty = stride(from: 0, through: 100, by: 20).map { scales[$0] }
    TestSupport.expectClose(
      everyTwenty, [1024, 512, 256, 512, 512, 256], tolerance: 0,
      "the scale every 20 steps of the document's 100-step run (it should change after steps "
        + "17: 512, 35: 256, 55: 512, 75: 1024, 76: 512, 96: 1024, 98: 512, 100: 256; yours "
        + "changed after \(changes(scales)))"
    )

    // With real gradients: the largest is 4, so 4·S must stay ≤ 65504. From S = 2¹⁵ the scaler
    // backs off twice to 8192, then keeps trying 16384 (which overflows) every growthInterval.
    let grads: [Float] = [0.5, -4, 1e-6]
    let settling = DynamicLossScaler(initScale: 32768, growthInterval: 4)
    var trajectory: [Double] = []
    var applied: [Bool] = []
    for _ in 0..<12 {
      let scaledHalf = grads.map { Float16($0 * Float(settling.scale)) }
      applied.append(settling.step(gradsOK: gradientsAreFinite(scaledHalf)))
      trajectory.append(settling.scale)
    }
    #expect(
      applied == [false, false, true, true, true, true, false, true, true, true, true, false],
      "which of 12 steps with gradients [0.5, −4, 1e-6] were applied: \(applied); 4·32768 and 4·16384 overflow Float16, 4·8192 does not"
    )
    TestSupport.expectClose(
      trajectory, [16384, 8192, 8192, 8192, 8192, 16384, 8192, 8192, 8192, 8192, 16384, 8192],
      tolerance: 0, "the scale after each of 12 steps with gradients [0.5, −4, 1e-6]")
  }
}

/// What Float16 makes of `gradient` (h = Float16(gradient), as the exercise names it), in the
/// learner's terms.
private func describeHalf(_ gradient: Float) -> String {
  let h = Float16(gradient)
  let rounded = "Float16(\(gradient)) = \(Float(h))"
  if h.isZero {
    return
      "\(rounded): magnitudes at or below 2⁻²⁵ ≈ 2.98e-8 (half the smallest subnormal 2⁻²⁴ ≈ 5.96e-8) round to zero"
  }
  if h.isInfinite {
    return "\(rounded): above Float16's largest finite value 65504 after rounding, so it is ±∞"
  }
  let relativeError = abs(Double(h) - Double(gradient)) / abs(Double(gradient))
  let percent = "\(twoDigits(relativeError * 100))%"
  if h.isSubnormal {
    return
      "\(rounded), a nonzero subnormal (below the smallest normal 2⁻¹⁴ ≈ 6.1e-5, above 2⁻²⁵): it does not vanish, but the smaller it is, the fewer significant bits it keeps (here \(percent) off; a normal Float16 is never more than 2⁻¹¹ ≈ 0.049% off)"
  }
  return
    "\(rounded), a normal number (2⁻¹⁴ ≤ |h| ≤ 65504; classify the rounded value, not the gradient), \(percent) off"
}

/// `x` ≥ 0 rounded to two significant digits (or 0), for messages.
private func twoDigits(_ x: Double) -> Double {
  var multiplier = 1.0
  while x * multiplier < 10, multiplier < 1e9 { multiplier *= 10 }
  return (x * multiplier).rounded() / multiplier
}

/// The steps after which the scale changed, as "step: new scale".
private func changes(_ scales: [Double]) -> String {
  let steps = scales.indices.dropFirst().filter { scales[$0] != scales[$0 - 1] }
  return steps.map { "\($0): \(TestSupport.format(scales[$0]))" }.joined(separator: ", ")
}

/// Names the usual slips when a loss-scaled gradient comes back wrong.
private func scalingDiagnosis(_ gradient: Float, result: Float, scale: Float) -> String {
  let plainHalf = Float(Float16(gradient))
  if scale != 1, result == gradient * scale || result == Float(Float16(gradient * scale)) {
    return "got about g·S = \(result): the scaled gradient must be divided by S again (in Float)"
  }
  if result == gradient, Float(Float16(gradient * scale)) / scale != gradient {
    return "got g unchanged: the scaled gradient must be rounded to Float16 before unscaling"
  }
  if scale != 32768, result == Float(Float16(gradient * 32768)) / 32768 {
    return "got the result for S = 2¹⁵ = 32768: use the scale argument"
  }
  if result == plainHalf, scale != 1 {
    return
      "got Float16(g) = \(plainHalf), the unscaled half-precision value: multiply by S in Float before rounding to Float16, and divide by S in Float (dividing in Float16 underflows again)"
  }
  return "got \(result)"
}

/// Runs `script` (gradients OK?, expected scale, expected stepsSinceOverflow) through `scaler`,
/// recording only the first step that differs (the later ones would follow from it).
private func replay(
  _ scaler: DynamicLossScaler, _ setup: String, _ script: [(Bool, Double, Int)],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  var history: [String] = []
  for (index, (ok, scale, count)) in script.enumerated() {
    let before = scaler.scale
    let applied = scaler.step(gradsOK: ok)
    history.append(ok ? "ok" : "overflow")
    let matches =
      applied == ok
      && scaler.scale.isApproximatelyEqual(
        to: scale, absoluteTolerance: 0, relativeTolerance: 1e-12)
      && scaler.stepsSinceOverflow == count
    #expect(
      matches,
      """
      DynamicLossScaler(\(setup)), steps \(history.joined(separator: ", ")):
        step \(index + 1) (\(ok ? "finite gradients" : "inf/NaN gradients")) from scale \(TestSupport.format(before)) \
      should \(ok ? "apply the update" : "skip the update") and leave scale \(TestSupport.format(scale)), \
      stepsSinceOverflow \(count)
        got: step returned \(applied), scale \(TestSupport.format(scaler.scale)), stepsSinceOverflow \(scaler.stepsSinceOverflow)
        (\(advice(gradsOK: ok, applied: applied, count: scaler.stepsSinceOverflow)))
      """, sourceLocation: sourceLocation)
    if !matches { return }
  }
}

/// What a `DynamicLossScaler` step that went wrong should have done.
private func advice(gradsOK: Bool, applied: Bool, count: Int) -> String {
  switch (gradsOK, applied) {
  case (false, true): "a step with inf/NaN gradients must return false: its update is skipped"
  case (true, false): "a step with finite gradients must return true: its update is applied"
  case (false, _) where count != 0: "an overflow resets stepsSinceOverflow to 0"
  case (false, _): "an overflow multiplies the scale by backoffFactor"
  case (true, _):
    "the scale grows (× growthFactor) on exactly the growthInterval-th good step in a row, "
      + "and the count then starts again at 0"
  }
}
