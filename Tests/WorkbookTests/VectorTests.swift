import Foundation
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

  @Test("softmax: exp(zᵢ)/Σexp(zⱼ), finite for large scores; in place over one row of a batch")
  func softmaxes() {
    let z = [1.0, -2, 0.5, 3]
    let total = z.reduce(0.0) { $0 + exp($1) }
    expectClose(softmax(z), z.map { exp($0) / total }, tolerance: 1e-15, "the textbook formula")
    #expect(softmax([1000, 1000]) == [0.5, 0.5], "exp(1000) alone would overflow")
    #expect(softmax([]) == [])
    // The second of three rows of two, in place: the same entries, the other rows untouched.
    var rows: [Double] = [1, 2, 0.25, -4, 5, 6]
    rows.withUnsafeMutableBufferPointer { rows in
      softmax(inPlace: UnsafeMutableBufferPointer(rebasing: rows[2..<4]))
    }
    #expect(Array(rows[2..<4]) == softmax([0.25, -4]))
    #expect(Array(rows[0..<2]) == [1, 2] && Array(rows[4..<6]) == [5, 6])
  }
}
