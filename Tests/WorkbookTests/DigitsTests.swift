import Testing

@testable import Workbook

@Suite("The handwritten digits shipped in Data/Digits")
struct DigitsTests {
  @Test("all 1,797 images load, pixels scaled to 0…1, every class about equally often")
  func loads() throws {
    let digits = try Digits.load()
    #expect(digits.count == 1797 && digits.images.columns == 64)
    #expect(digits.images.elements.allSatisfy { (0...1).contains($0) })
    let counts = (0..<10).map { label in digits.labels.filter { $0 == label }.count }
    #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    // The first image of the file is a 0: its first row of pixels is 0 0 5 13 9 1 0 0.
    #expect(digits.labels[0] == 0)
    #expect(Array(digits.images.row(0).prefix(8)) == [0, 0, 5, 13, 9, 1, 0, 0].map { $0 / 16 })
  }

  @Test("the split: the first 1,347 images train, the other 450 test")
  func split() throws {
    let digits = try Digits.load()
    let (training, test) = digits.split()
    #expect(training.count == 1347 && test.count == 450)
    #expect(test.labels == Array(digits.labels[1347...]))
    #expect(test.images.row(0) == digits.images.row(1347))
  }

  @Test("a malformed line is refused with its line number")
  func malformed() {
    let good = Array(repeating: "0", count: 64).joined(separator: ",") + ",3"
    #expect(throws: DigitsError.malformed(path: "f", line: 2)) {
      try Digits.parse(good + "\n" + good.replacingOccurrences(of: ",3", with: ",10"), path: "f")
    }
    #expect(throws: DigitsError.malformed(path: "f", line: 1)) {
      try Digits.parse("1,2,3", path: "f")
    }
    // Blank lines are skipped but counted; a sign, a letter or an empty value is malformed.
    for bad in ["+3", "3a", "", "-0"] {
      #expect(throws: DigitsError.malformed(path: "f", line: 3)) {
        try Digits.parse(good + "\n\n" + good.dropLast() + bad, path: "f")
      }
    }
  }

  @Test("spaces and tabs around a value are allowed, and so is a final newline")
  func blanks() throws {
    let values = (0..<64).map { "\($0 % 17)" } + ["7"]
    let digits = try Digits.parse(
      "\n" + values.map { " \($0)\t" }.joined(separator: ",") + "\n", path: "f")
    #expect(digits.labels == [7])
    #expect(digits.images.row(0) == (0..<64).map { Double($0 % 17) / 16 })
  }
}
