extension String {
  /// The text with its control characters made visible, so that nothing a learner's code prints
  /// (or writes in a string literal the compiler quotes) can move the cursor, clear the screen or
  /// paint over the grader's own lines.
  ///
  /// C0 controls become their Unicode control pictures (ESC is `␛`, CR is `␍`), DEL is `␡`, C1
  /// controls and the bidirectional overrides that reorder text on screen become `<U+XXXX>`.
  /// Newlines and tabs are kept: they only move forward.
  var withVisibleControls: String {
    var visible = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x09:
        visible.append(scalar)
      case 0x00..<0x20:
        visible.append(Unicode.Scalar(0x2400 + scalar.value)!)
      case 0x7F:
        visible.append("␡")
      case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        visible.append(
          contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>"
            .unicodeScalars)
      default:
        visible.append(scalar)
      }
    }
    return String(visible)
  }
}
