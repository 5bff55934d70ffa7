import Exercises
import Testing

@Suite struct FourTests {
  @Test("(a) at 3") func atThree() {
    #expect(abs(negate(3) - { (x: Double) in -x }(3)) < 1e-12)
  }

  @Test("(b) at -2") func atMinusTwo() {
    #expect(abs(negate(-2) - { (x: Double) in -x }(-2)) < 1e-12)
  }
}
