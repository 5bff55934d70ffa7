import Testing

@Suite("W3 Adam from scratch on the ellipse", .graded)
struct ExW3_AdamFromScratchTests {
  @Test("the walkthrough's run from (10, 1): positions at steps 1, 10, 25 and 100 (numpy's)")
  func positions() throws {
    let run = adamFromScratch(start: [10, 1])
    try #require(
      run.history.count == 101 && run.mHistory.count == 101 && run.vHistory.count == 101,
      "100 steps: 101 positions and moments, the start first")
    let expected: [(Int, [Double])] = [
      (1, [9.9000000001, 0.9000000001]), (10, [9.003496535997431, 0.07624915159663814]),
      (25, [7.551164701165272, -0.1805543819651545]),
      (100, [2.244460426400021, 0.002936676223351158]),
    ]
    for (step, point) in expected {
      TestSupport.expectClose(
        run.history[step], point, tolerance: 1e-9, "the position after step \(step)")
    }
    TestSupport.expectClose(run.history[0], [10, 1], tolerance: 0, "the start")
  }

  @Test("Adam's state after step 5: m and v before bias correction")
  func state() {
    let run = adamFromScratch(start: [10, 1])
    TestSupport.expectClose(
      run.mHistory[5], [4.00464525309337, 3.1959006080683854], tolerance: 1e-12, "m after 5 steps")
    TestSupport.expectClose(
      run.vHistory[5], [0.47932788045867264, 0.3299430941283228], tolerance: 1e-12,
      "v after 5 steps")
    TestSupport.expectClose(
      run.mHistory[0] + run.vHistory[0], [0, 0, 0, 0], tolerance: 0, "zero moments at the start")
  }

  @Test("another start and rate")
  func otherRun() {
    let run = adamFromScratch(
      start: [3, -2], lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, steps: 30)
    TestSupport.expectClose(
      run.history.last ?? [], [1.5803712323081183, -0.6378704214547928], tolerance: 1e-9,
      "after 30 steps")
  }

  @Test(
    "the effective learning rates: equal at step 1, then larger for y, the steep direction",
    arguments: [
      (1, [0.00999999999, 0.00999999999]), (10, [0.010466605255198175, 0.01598753339250251]),
      (50, [0.012917424350154803, 0.032735089805999235]),
    ])
  func effectiveRates(step: Int, expected: [Double]) {
    let run = adamFromScratch(start: [10, 1])
    TestSupport.expectClose(
      effectiveLearningRates(v: run.vHistory[step], step: step), expected, tolerance: 1e-12,
      "lr/(√v̂ + ε) per dimension after step \(step): the walkthrough says Adam takes larger steps in x; its own numbers say otherwise"
    )
  }

  @Test("the rates' other parameters")
  func effectiveRateParameters() {
    TestSupport.expectClose(
      effectiveLearningRates(v: [4, 0.25], step: 1, lr: 1, beta2: 0.75, eps: 0), [0.25, 1],
      tolerance: 1e-15,
      "v̂ = v/(1 − 0.75) = (16, 1): lr/√v̂")
  }
}
