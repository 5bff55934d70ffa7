import Testing
import Workbook

/// Every expected value below is what numpy 2.4 printed (`repr`) for the same calls.
@Suite("NumpyRandomState reproduces numpy's legacy RandomState bit for bit")
struct NumpyRandomStateTests {
  @Test("np.random.seed(42); np.random.rand(4)")
  func rand() {
    var random = NumpyRandomState(seed: 42)
    #expect(
      random.rand(4) == [
        0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366,
      ])
  }

  @Test("np.random.seed(42); np.random.randn(3, 2), filled row by row")
  func randn() {
    var random = NumpyRandomState(seed: 42)
    let matrix = random.randn(rows: 3, columns: 2)
    #expect(
      matrix
        == Matrix([
          [0.4967141530112327, -0.13826430117118466], [0.6476885381006925, 1.5230298564080254],
          [-0.23415337472333597, -0.23413695694918055],
        ]))
  }

  @Test("the polar method's second value waits for the next randn, across a rand in between")
  func cachedGaussian() {
    // np.random.seed(0); randn(3); rand(); randn(2)
    var random = NumpyRandomState(seed: 0)
    #expect(random.randn(3) == [1.764052345967664, 0.4001572083672233, 0.9787379841057392])
    #expect(random.rand() == 0.4236547993389047)
    #expect(random.randn(2) == [2.240893199201458, -0.8427240538292873])
  }

  @Test("permutation and choice without replacement, by numpy's masked rejection")
  func permutation() {
    var random = NumpyRandomState(seed: 42)
    #expect(random.permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
    var other = NumpyRandomState(seed: 1)
    #expect(other.permutation(5) == [2, 1, 4, 0, 3])
    #expect(other.rand() == 0.12812444792935673)
    // Several twists of the state, every range of it: seed(42); permutation(3000); rand()
    var long = NumpyRandomState(seed: 42)
    let shuffled = long.permutation(3000)
    #expect(Array(shuffled.prefix(5)) == [1801, 1190, 1817, 251, 2505])
    #expect(Array(shuffled.suffix(5)) == [1638, 1095, 1130, 1294, 860])
    #expect(long.rand() == 0.3795029033747186)
  }

  @Test("the largest seed, and the raw MT19937 stream after seeding")
  func seeds() {
    var largest = NumpyRandomState(seed: 4_294_967_295)
    #expect(largest.rand() == 0.0976320289940138)
    // The reference MT19937 (init_genrand(5489)) starts 3499211612, 581869302, 3890346734.
    var reference = NumpyRandomState(seed: 5489)
    #expect(
      (0..<3).map { _ in reference.nextUInt32() } == [3_499_211_612, 581_869_302, 3_890_346_734])
  }
}
