import TestSupport
import Testing
import Workbook

@Suite("Vector helpers")
struct VectorTests {
  @Test func dotProduct() {
    #expect(dot([1, 2, 3], [4, -5, 6]) == 12)
    #expect(dot([], []) == 0)
  }

  @Test func euclideanNorm() {
    #expect(norm([3, 4]) == 5)
    #expect(norm([-2]) == 2)
    #expect(norm([]) == 0)
  }

  @Test func addingScaledVector() {
    #expect(adding([1, 2], [10, 20]) == [11, 22])
    #expect(adding([1, 2], [10, 20], scaledBy: -0.5) == [-4, -8])
  }

  @Test("addScaled gives every entry y + s·x, as the scalar loop does, for every tail length")
  func addScaledInPlace() {
    for count in 0...9 {
      let x = (0..<count).map { 1 / Double($0 + 3) }
      var y = (0..<count).map { Double($0) - 2.5 }
      let expected = zip(y, x).map { $0 + 0.7 * $1 }
      addScaled(x, by: 0.7, into: &y, count: count)
      #expect(y == expected, "count \(count)")
    }
  }

  @Test func scaling() {
    #expect(scaled([1, -2, 0.5], by: 4) == [4, -8, 2])
  }
}
