/// An sRGB colour, written to SVG as `#rrggbb`.
public struct Color: Sendable, Hashable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// The ten categorical colours (matplotlib's "tab10") given, by name, to series without an explicit colour.
  public static let palette: [Color] = [
    Color(red: 0x1f, green: 0x77, blue: 0xb4), Color(red: 0xff, green: 0x7f, blue: 0x0e),
    Color(red: 0x2c, green: 0xa0, blue: 0x2c), Color(red: 0xd6, green: 0x27, blue: 0x28),
    Color(red: 0x94, green: 0x67, blue: 0xbd), Color(red: 0x8c, green: 0x56, blue: 0x4b),
    Color(red: 0xe3, green: 0x77, blue: 0xc2), Color(red: 0x7f, green: 0x7f, blue: 0x7f),
    Color(red: 0xbc, green: 0xbd, blue: 0x22), Color(red: 0x17, green: 0xbe, blue: 0xcf),
  ]

  /// The `#rrggbb` form used in SVG attributes.
  var hex: String {
    "#"
      + [red, green, blue].map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
      }.joined()
  }

  /// The colour a fraction `t` (0...1) of the way to `other`, used to shade contour levels.
  func blended(with other: Color, fraction t: Double) -> Color {
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * min(1, max(0, t))).rounded())
    }
    return Color(
      red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }
}
