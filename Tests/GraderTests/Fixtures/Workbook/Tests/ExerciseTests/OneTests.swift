import Exercises
import Testing

@Suite struct OneTests {
  @Test("(a) at 3") func atThree() {
    #expect(abs(square(3) - { (x: Double) in x * x }(3)) < 1e-12)
  }

  @Test("(b) at -2") func atMinusTwo() {
    #expect(abs(square(-2) - { (x: Double) in x * x }(-2)) < 1e-12)
  }
}
