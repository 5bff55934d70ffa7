/// Text widths estimated from DejaVu Sans's advance widths, the first font of every figure's font list.
///
/// Helvetica and Arial, the fallbacks, are narrower, so an estimate that fits DejaVu Sans fits them too.
/// Layout uses it to wrap titles and size legends so that text stays on the canvas.
enum TextMetrics {
  /// Advance widths of ASCII 32…126 in thousandths of an em, DejaVu Sans Book.
  private static let regular: [Int] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  ]

  /// Advance widths of ASCII 32…126 in thousandths of an em, DejaVu Sans Bold.
  private static let bold: [Int] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
  ]

  /// The estimated width in pixels of `text` set in `fontSize`-pixel DejaVu Sans.
  ///
  /// Superscript and subscript digits (tick labels such as 10⁻³) have their own widths; any other
  /// character outside ASCII counts as 0.84 em, as wide as DejaVu's mathematical operators.
  static func width(of text: String, fontSize: Double, bold isBold: Bool = false) -> Double {
    let table = isBold ? bold : regular
    var thousandths = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 32...126: thousandths += table[Int(scalar.value) - 32]
      case 0xB2, 0xB3, 0xB9, 0x2070...0x2079, 0x2080...0x2089: thousandths += isBold ? 438 : 401
      case 0x207B: thousandths += 528
      default: thousandths += 840
      }
    }
    return Double(thousandths) / 1000 * fontSize
  }

  /// `text` broken at spaces into as few lines no wider than `width` as it needs, balanced in width.
  ///
  /// A word wider than `width` gets a line of its own. Lines are balanced, so that a title does
  /// not end on a lone word: among the breaks with the fewest lines, the narrowest widest line.
  static func wrap(_ text: String, width: Double, fontSize: Double, bold: Bool = false) -> [String]
  {
    let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    func greedy(_ limit: Double) -> [String] {
      var lines: [String] = []
      var current = ""
      for word in words {
        let candidate = current.isEmpty ? word : current + " " + word
        if current.isEmpty || Self.width(of: candidate, fontSize: fontSize, bold: bold) <= limit {
          current = candidate
        } else {
          lines.append(current)
          current = word
        }
      }
      lines.append(current)
      return lines
    }
    let fewest = greedy(width)
    guard fewest.count > 1 else { return fewest }
    let total = Self.width(of: text, fontSize: fontSize, bold: bold)
    var limit = total / Double(fewest.count)
    while limit < width {
      let lines = greedy(limit)
      if lines.count <= fewest.count { return lines }
      limit += 1
    }
    return fewest
  }
}
