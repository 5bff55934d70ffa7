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

  /// Reads the workbook's copy, `Data/Digits/digits.csv`.
  public static func load() throws(DigitsError) -> Digits {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Data/Digits/digits.csv")
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw .unreadable(path: file.path)
    }
    return try parse(String(decoding: data, as: UTF8.self), path: file.path)
  }

  /// Parses lines of 64 pixel values 0…16 and a label 0…9, separated by commas.
  static func parse(_ text: String, path: String) throws(DigitsError) -> Digits {
    var pixels: [Double] = []
    var labels: [Int] = []
    for (index, line) in text.split(separator: "\n").enumerated() {
      let fields = line.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard fields.count == Self.pixels + 1, let values = fields as? [Int],
        values.dropLast().allSatisfy({ (0...16).contains($0) }),
        (0..<Self.classes).contains(values[Self.pixels])
      else { throw .malformed(path: path, line: index + 1) }
      pixels += values.dropLast().map { Double($0) / 16 }
      labels.append(values[Self.pixels])
    }
    var images = Matrix(rows: labels.count, columns: Self.pixels)
    for i in 0..<labels.count {
      for j in 0..<Self.pixels { images[i, j] = pixels[i * Self.pixels + j] }
    }
    return Digits(images: images, labels: labels)
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
