import Testing

@Suite("4.3 Momentum intuition", .graded)
struct Ex4_3_MomentumIntuitionTests {
  @Test("(a) how momentum helps in a narrow valley")
  func narrowValleys() {
    TestSupport.expectAnswer(
      momentumInNarrowValleys(), salt: "4.3 momentumInNarrowValleys", digest: "51caff18f5e4ed03",
      otherwise: [
        "bd0d0cff818e2735": """
        momentum does not single out the steep direction; across the valley the gradient flips \
        sign every step, and averaging it makes those steps smaller, not larger.
        """,
        "8b739fccc2dcb920": """
        dividing each coordinate by the size of its recent gradients is RMSProp's and Adam's \
        adaptive step; momentum only sums gradients and never rescales a coordinate.
        """,
        "2a51afbda38b008e": """
        stepping with the curvature is Newton's method, which needs second derivatives; \
        momentum uses gradients only.
        """,
      ])
  }

  @Test("(b) how momentum helps escape a shallow local minimum")
  func shallowMinima() {
    TestSupport.expectAnswer(
      momentumEscapesShallowMinima(), salt: "4.3 momentumEscapesShallowMinima",
      digest: "ffdbae843e5a277a",
      otherwise: [
        "2f06f08777eb04fd": """
        v ← βv + g adds no noise: momentum is deterministic (the noise that jostles SGD comes \
        from mini-batch gradients).
        """,
        "886120a353de51e0": """
        momentum averages gradients along the path and never touches the loss itself: the \
        landscape keeps all its minima.
        """,
        "5227fef01a69df53": """
        there is no such guarantee: the ball only coasts over barriers low enough for the speed \
        it has, and a deep or wide local minimum still traps it.
        """,
      ])
  }

  @Test("(c) the downside of high momentum")
  func highMomentum() {
    TestSupport.expectAnswer(
      highMomentumDownside(), salt: "4.3 highMomentumDownside", digest: "69baa70af67cef49",
      otherwise: [
        "45adf34ce5e3c720": """
        momentum makes steps larger, not smaller: v ← βv + g sums the gradients, so with a \
        steady gradient g the velocity grows towards g/(1 − β), ten times g at β = 0.9.
        """,
        "a21d4a32fc347613": """
        the velocity is one vector, the size of θ, updated in place (v ← βv + g); it does not \
        grow with the number of steps.
        """,
        "0b92676f312bb65e": """
        stopping in the first dip is what too little momentum does; high momentum keeps the \
        ball moving, through minima and past them.
        """,
      ])
  }
}
