import Foundation

/// The UCI optical handwritten digits: 1,797 images of 8×8 pixels with their labels 0…9.
///
/// The data ship with the workbook in `Data/Digits/` (CC BY 4.0; provenance in its README), so
/// the networks of T9 and T10 train on real handwriting with nothing to download.
public struct Digits: Sendable {
  /// The number of pixels of an image, 8 × 8.
  public static let pixels = 64
  /// The number of classes, the digits 0…9.
  public static let classes = 10
  /// The size of the training part of `split()`: the first three quarters of the file.
  public static let trainingCount = 1347

  /// One image per row, the pixels row by row, scaled from 0…16 to 0…1.
  public let images: Matrix
  /// The digit each image shows, 0…9.
  public let labels: [Int]

  /// A data set of `images` (one per row) and their `labels`.
  ///
  /// - Precondition: one label per row, each in 0..<classes.
  public init(images: Matrix, labels: [Int]) {
    precondition(
      images.rows == labels.count, "Digits: \(images.rows) images, \(labels.count) labels")
    precondition(
      labels.allSatisfy { (0..<Self.classes).contains($0) }, "Digits: a label outside 0…9")
    self.images = images
    self.labels = labels
  }

  /// The number of images.
  public var count: Int { labels.count }

  /// The images and labels of `range`, in order.
  public func rows(_ range: Range<Int>) -> Digits {
    let columns = images.columns
    let rows = range.map { Array(images.elements[($0 * columns)..<(($0 + 1) * columns)]) }
    return Digits(
      images: rows.isEmpty ? Matrix(rows: 0, columns: columns) : Matrix(rows),
      labels: Array(labels[range]))
  }

  /// The fixed split every exercise uses: the first `trainingCount` images to train, the other
  /// 450 to test (13 writers' digits, the classes about equally represented in both).
  public func split() -> (training: Digits, test: Digits) {
    (rows(0..<Self.trainingCount), rows(Self.trainingCount..<count))
  }

  /// Reads the workbook's copy, `Data/Digits/digits.csv`, once a process: a test process of a
  /// suite that trains on the digits would otherwise spend most of its start parsing them.
  public static func load() throws(DigitsError) -> Digits {
    try shipped.get()
  }

  /// The parsed copy `load()` returns.
  private static let shipped = Result { () throws(DigitsError) -> Digits in
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Data/Digits/digits.csv")
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw .unreadable(path: file.path)
    }
    return try parse(String(decoding: data, as: UTF8.self), path: file.path)
  }

  /// Parses lines of 64 pixel values 0…16 and a label 0…9, separated by commas (spaces and tabs
  /// around a value allowed, blank lines skipped), reading the bytes directly.
  static func parse(_ text: String, path: String) throws(DigitsError) -> Digits {
    var pixels: [Double] = []
    var labels: [Int] = []
    var fields: [Int] = []
    fields.reserveCapacity(Self.pixels + 1)
    var lineNumber = 0
    for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.isEmpty { continue }
      fields.removeAll(keepingCapacity: true)
      for field in line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
        guard let value = Self.integer(field) else {
          throw .malformed(path: path, line: lineNumber)
        }
        fields.append(value)
      }
      guard fields.count == Self.pixels + 1,
        fields.dropLast().allSatisfy({ (0...16).contains($0) }),
        (0..<Self.classes).contains(fields[Self.pixels])
      else { throw .malformed(path: path, line: lineNumber) }
      pixels += fields.dropLast().map { Double($0) / 16 }
      labels.append(fields[Self.pixels])
    }
    return Digits(
      images: Matrix(rows: labels.count, columns: Self.pixels, elements: pixels), labels: labels)
  }

  /// The decimal digits of `field` as a number, spaces and tabs around them ignored; nil when
  /// it holds anything else, or nothing, or more than six digits (no value of the file has as
  /// many, and the number cannot overflow).
  private static func integer(_ field: Substring.UTF8View.SubSequence) -> Int? {
    let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    guard let first = field.firstIndex(where: { !blank($0) }),
      let last = field.lastIndex(where: { !blank($0) })
    else { return nil }
    let digits = field[first...last]
    guard digits.count <= 6 else { return nil }
    var value = 0
    for byte in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}

/// Why the digits could not be read.
public enum DigitsError: Error, Equatable, CustomStringConvertible {
  /// The file is missing or cannot be read.
  case unreadable(path: String)
  /// A line is not 64 pixels 0…16 and a label 0…9.
  case malformed(path: String, line: Int)

  public var description: String {
    switch self {
    case .unreadable(let path):
      "cannot read the digits at \(path): the workbook ships them in Data/Digits/"
    case .malformed(let path, let line):
      "\(path):\(line): expected 64 pixel values 0…16 and a label 0…9, separated by commas"
    }
  }
}
