import Foundation
import Testing

/// No build of the package prints a warning: the compiler keeps each file's diagnostics, from
/// the compile that made its object, in a serialized-diagnostics file (`.dia`, clang's bitstream
/// format) beside it, and `swift test` has just compiled every target of this build. (The
/// fixture workbook's build is checked by `LearnerLoopTests`, the student release's targets are
/// this package's.)
@Suite("This package's build has no warning")
struct BuildDiagnosticsTests {
  @Test("no file compiled for the build of this test bundle has a diagnostic")
  func noneInThisBuild() {
    let build = testBundle.deletingLastPathComponent()
    let files = diagnosticsFiles(under: build)
    #expect(files.count > 100, "the build's diagnostics files: \(files.count) in \(build.path)")
    let diagnosed = files.filter { (try? hasDiagnostic(Data(contentsOf: $0))) != false }
    #expect(
      diagnosed.isEmpty,
      "the compiler reported something in \(diagnosed.map(\.lastPathComponent)): build again to read it (a diagnostics file of a source since removed goes with `rm -rf .build`)"
    )
  }

  @Test("the check finds a warning in a file the compiler warned about, and nothing in a clean one")
  func findsAWarning() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sources = [
      "warned": "func f() -> Int { 1 }\nfunc g() { f() }\n", "clean": "func h() -> Int { 1 }\n",
    ]
    var found: [String: Bool] = [:]
    for (name, source) in sources {
      let file = folder.appendingPathComponent("\(name).swift")
      let diagnostics = folder.appendingPathComponent("\(name).dia")
      try Data(source.utf8).write(to: file)
      let compiler = Process()
      compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      compiler.arguments = [
        "swiftc", "-frontend", "-typecheck", "-primary-file", file.path,
        "-serialize-diagnostics-path", diagnostics.path,
      ]
      compiler.environment = compilerEnvironment
      compiler.standardError = FileHandle.nullDevice
      try compiler.run()
      compiler.waitUntilExit()
      found[name] = try hasDiagnostic(Data(contentsOf: diagnostics))
    }
    #expect(found == ["warned": true, "clean": false])
  }
}

/// The serialized-diagnostics files of every target's folder (`<target>.build/`) in `build`.
func diagnosticsFiles(under build: URL) -> [URL] {
  let manager = FileManager.default
  let targets = (try? manager.contentsOfDirectory(atPath: build.path)) ?? []
  return targets.filter { $0.hasSuffix(".build") }.flatMap { target in
    let folder = build.appendingPathComponent(target)
    return ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".dia") }.map { folder.appendingPathComponent($0) }
  }
}

/// Whether a serialized-diagnostics file holds a diagnostic; nil when it is not one.
///
/// After the magic `DIAG`, the bitstream's top level is a sequence of blocks (abbreviation width
/// 2): the block-info block (ID 0), the metadata block (8), then one block per diagnostic (9),
/// with its notes inside. Each block is entered by abbreviation 1 with its ID (VBR-8), its
/// abbreviation width (VBR-4) and, after alignment to 32 bits, its length in 32-bit words, so the
/// blocks are skipped over without being read.
func hasDiagnostic(_ data: Data) -> Bool? {
  let bytes = [UInt8](data)
  guard bytes.starts(with: Array("DIAG".utf8)) else { return nil }
  var position = 32
  func read(_ width: Int) -> Int {
    var value = 0
    for k in 0..<width where (position + k) / 8 < bytes.count {
      let bit = position + k
      value |= Int(bytes[bit / 8] >> (bit % 8) & 1) << k
    }
    position += width
    return value
  }
  func variable(_ width: Int) -> Int {
    var (value, shift) = (0, 0)
    while true {
      let chunk = read(width)
      value |= (chunk & (1 << (width - 1) - 1)) << shift
      shift += width - 1
      if chunk >> (width - 1) == 0 { return value }
    }
  }
  while position + 2 <= bytes.count * 8 {
    guard read(2) == 1 else { return nil }
    let block = variable(8)
    _ = variable(4)
    position = (position + 31) / 32 * 32
    guard position + 32 <= bytes.count * 8 else { return nil }
    let words = read(32)
    position += 32 * words
    if block == 9 { return true }
  }
  return false
}
