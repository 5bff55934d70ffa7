/// A streaming XML writer for SVG that keeps attribute order and escapes all text, so output is valid and byte-for-byte reproducible.
struct SVGWriter {
  /// Attributes in the order they are written.
  typealias Attributes = [(String, String)]

  private(set) var output = ""
  private var openElements: [String] = []

  /// Starts a document with an `<svg>` root of the given size in pixels.
  init(width: Double, height: Double) {
    output += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    begin(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("width", width.svg), ("height", height.svg),
        ("viewBox", "0 0 \(width.svg) \(height.svg)"),
        ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
      ])
  }

  /// Opens an element that will hold children until the matching `end()`.
  mutating func begin(_ name: String, _ attributes: Attributes = []) {
    output += "<\(name)\(Self.render(attributes))>"
    openElements.append(name)
    newline()
  }

  /// Closes the innermost open element.
  mutating func end() {
    let name = openElements.removeLast()
    output += "</\(name)>"
    newline()
  }

  /// Writes an element without children.
  mutating func leaf(_ name: String, _ attributes: Attributes) {
    output += "<\(name)\(Self.render(attributes))/>"
    newline()
  }

  /// Writes an element whose only content is escaped text, such as a `<text>` label.
  mutating func text(_ name: String, _ attributes: Attributes, _ content: String) {
    output += "<\(name)\(Self.render(attributes))>\(content.xmlEscaped)</\(name)>"
    newline()
  }

  /// Writes escaped character data into the innermost open element.
  mutating func characters(_ content: String) {
    output += content.xmlEscaped
  }

  /// Closes every open element and returns the document.
  mutating func finish() -> String {
    while !openElements.isEmpty { end() }
    return output
  }

  /// Breaks lines between elements for readability, but never inside `<text>`, where whitespace would be rendered.
  private mutating func newline() {
    if openElements.last != "text" { output += "\n" }
  }

  private static func render(_ attributes: Attributes) -> String {
    attributes.map { " \($0.0)=\"\($0.1.xmlEscaped)\"" }.joined()
  }
}

extension String {
  /// The string with XML special characters escaped and characters that XML 1.0 forbids removed.
  var xmlEscaped: String {
    var result = ""
    result.unicodeScalars.reserveCapacity(unicodeScalars.count)
    for scalar in unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

extension Double {
  /// Pixel-precision text for SVG coordinates: at most two decimals, trailing zeros dropped.
  var svg: String { fixed(decimals: 2) }

  /// The value rounded to `decimals` places with trailing zeros dropped and no "-0", independent of locale.
  ///
  /// Only finite values of moderate size reach this (layout numbers and clipped coordinates), which is what
  /// keeps "nan" and "inf" out of the output.
  func fixed(decimals: Int) -> String {
    precondition(
      isFinite && abs(self) < 1e12, "SVG numbers must be finite layout values, got \(self)")
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int64((self * Double(scale)).rounded())
    let magnitude = scaled.magnitude
    var text = (scaled < 0 ? "-" : "") + String(magnitude / UInt64(scale))
    guard decimals > 0 else { return text }
    var fraction = String(magnitude % UInt64(scale))
    fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    if !fraction.isEmpty { text += "." + fraction }
    return text
  }
}
