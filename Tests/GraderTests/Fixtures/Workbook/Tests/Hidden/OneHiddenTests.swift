import Exercises
import Testing

extension OneTests {
  @Test("(c, hidden) at 0.5") func atAHalf() {
    #expect(abs(square(0.5) - 0.25) < 1e-12)
  }
}
