import Exercises
import Testing

@Suite struct TwoTests {
  @Test("(a) at 3") func atThree() {
    #expect(abs(cube(3) - { (x: Double) in x * x * x }(3)) < 1e-12)
  }

  @Test("(b) at -2") func atMinusTwo() {
    #expect(abs(cube(-2) - { (x: Double) in x * x * x }(-2)) < 1e-12)
  }
}
