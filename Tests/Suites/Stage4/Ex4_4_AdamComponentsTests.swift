import Testing

@Suite("4.4 Adam's components", .graded)
struct Ex4_4_AdamComponentsTests {
  @Test("(a) what the first moment m tracks")
  func firstMoment() {
    TestSupport.expectAnswer(
      adamFirstMoment(), is: .b,
      otherwise: [
        .a: """
        m ← β₁m + (1 − β₁)g multiplies the old gradients by β₁ at every step: recent gradients \
        weigh most and old ones fade away, so it is a weighted average, not an equal-weight sum.
        """,
        .c: """
        m is built from the gradients g, never from θ; averaging the weights is a separate \
        technique (Polyak or EMA weights).
        """,
        .d: """
        Adam never looks at the loss value, only at its gradient g.
        """,
      ])
  }

  @Test("(b) what the second moment v tracks")
  func secondMoment() {
    TestSupport.expectAnswer(
      adamSecondMoment(), is: .d,
      otherwise: [
        .a: """
        v averages g² itself, never subtracting m: a steady gradient g = 3 has zero variance, \
        yet v → 9.
        """,
        .b: """
        v is built from gradients only: g² measures how steep the slope is, while curvature \
        is how fast the slope changes.
        """,
        .c: """
        the square of the average is not the average of the squares: gradients +1, −1, +1, … \
        give m ≈ 0 and m² ≈ 0, but g² = 1 every step.
        """,
      ])
  }

  @Test("(c) why Adam divides by √v̂ + ε")
  func divisor() {
    TestSupport.expectAnswer(
      adamDivisor(), is: .a,
      otherwise: [
        .b: """
        ε is tiny (1e-8) and sits in the denominator, so it can only make steps smaller: it is \
        a safety term, not an accelerator.
        """,
        .c: """
        it is the other way round: a large gradient makes √v̂ large, and the step is divided \
        by it.
        """,
        .d: """
        the bias correction is the separate division m / (1 − β₁ᵗ) that gives m̂; √v̂ rescales \
        the step.
        """,
      ])
  }
}
