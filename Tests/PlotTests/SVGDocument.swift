import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One parsed SVG element: its name, attributes, directly contained text and the indices of its ancestors.
struct Element {
  let name: String
  let attributes: [String: String]
  let ancestors: [Int]
  var text = ""

  func hasClass(_ name: String) -> Bool {
    attributes["class"]?.split(separator: " ").contains { $0 == name } ?? false
  }

  func number(_ attribute: String) -> Double? {
    attributes[attribute].flatMap(Double.init)
  }
}

/// Parses SVG text with FoundationXML's XMLParser and collects every element in document order.
final class SVGDocument: NSObject, XMLParserDelegate {
  private(set) var elements: [Element] = []
  private var open: [Int] = []

  struct ParseError: Error { let underlying: Error? }

  static func parse(_ svg: String) throws -> SVGDocument {
    let document = SVGDocument()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = document
    guard parser.parse() else { throw ParseError(underlying: parser.parserError) }
    return document
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    open.append(elements.count)
    elements.append(
      Element(name: elementName, attributes: attributeDict, ancestors: Array(open.dropLast())))
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    open.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let index = open.last { elements[index].text += string }
  }

  /// Elements with the given name and, optionally, class.
  func all(_ name: String, class className: String? = nil) -> [Element] {
    elements.filter { $0.name == name && (className.map($0.hasClass) ?? true) }
  }

  /// The `<g class="panel">` elements' indices, in order.
  var panelIndices: [Int] {
    elements.indices.filter { elements[$0].name == "g" && elements[$0].hasClass("panel") }
  }

  /// Elements inside the panel at element index `panel`.
  func inside(_ panel: Int, _ name: String, class className: String? = nil) -> [Element] {
    all(name, class: className).filter { $0.ancestors.contains(panel) }
  }

  /// The plot area of a panel: the rectangle of its clip path.
  func plotArea(_ panel: Int) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
    let rect = elements.first {
      $0.name == "rect" && $0.ancestors.contains(panel)
        && $0.ancestors.contains { elements[$0].name == "clipPath" }
    }!
    let x = rect.number("x")!, y = rect.number("y")!
    return (x, y, x + rect.number("width")!, y + rect.number("height")!)
  }
}

/// The subpaths of SVG path data in the "M x,y L x,y …" form the library writes.
func subpaths(_ d: String) -> [[(x: Double, y: Double)]] {
  d.split(separator: "M").map { subpath in
    let numbers = subpath.split { $0 == "L" || $0 == "," || $0 == " " }.map { Double($0)! }
    return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
  }
}
