import Testing
import Workbook

@Suite("Vector helpers")
struct VectorTests {
  @Test func dotAndNorm() {
    #expect(dot([1, 2, 3], [4, -5, 6]) == 12)
    #expect(norm([3, 4]) == 5)
  }
}
