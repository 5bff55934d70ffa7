import Exercises
import Testing

@Suite struct ThreeTests {
  @Test("(a) at 3") func atThree() {
    #expect(abs(half(3) - { (x: Double) in x / 2 }(3)) < 1e-12)
  }

  @Test("(b) at -2") func atMinusTwo() {
    #expect(abs(half(-2) - { (x: Double) in x / 2 }(-2)) < 1e-12)
  }
}
