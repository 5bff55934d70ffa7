import Foundation

/// What the last successful build saw of the package's sources, so that `grade` can skip a
/// `swift build` that would do nothing (a no-op build and `--show-bin-path` cost about 0.8 s).
///
/// The fingerprint covers every file's path, size and modification time under the folders the
/// build reads, plus the test bundle's own, so a copy with old times, a new file, a deleted one or
/// a bundle rebuilt by someone else all lead to a real build.
struct BuildStamp: Codable, Equatable {
  var fingerprint: String
  var bundle: String
  /// The learner files that did not compile in that build, whose stubs it built instead.
  var uncompilable: [String: [Diagnostic]] = [:]

  /// The folders and files whose contents the build depends on (SwiftPM skips hidden ones).
  static let inputs = ["Package.swift", "Sources", "Exercises", "Solutions", "Tests"]

  /// Where the stamp is kept, inside the build folder (so `rm -rf .build` forgets it too).
  static func location(packageRoot: URL) -> URL {
    packageRoot.appendingPathComponent(".build/grade-build-stamp.json")
  }

  /// The stamp for the package as it is now, with `bundle` as the build's product.
  static func current(
    packageRoot: URL, learnerFolder: String = "Exercises", bundle: URL,
    uncompilable: [String: [Diagnostic]] = [:]
  ) -> BuildStamp {
    var hash = FNV1a()
    for input in inputs.map({ $0 == "Exercises" ? learnerFolder : $0 }) {
      let url = packageRoot.appendingPathComponent(input)
      var isDirectory: ObjCBool = false
      let isFolder =
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        && isDirectory.boolValue
      let files = isFolder ? visibleFiles(under: input, in: packageRoot) : [input]
      for file in files {
        hash.add(file)
        hash.add(signature(of: packageRoot.appendingPathComponent(file).path))
      }
    }
    hash.add(signature(of: bundle.path))
    return BuildStamp(
      fingerprint: String(hash.value, radix: 16), bundle: bundle.path, uncompilable: uncompilable)
  }

  /// The stamp written by the last successful build, if any.
  static func saved(packageRoot: URL) -> BuildStamp? {
    guard let data = FileManager.default.contents(atPath: location(packageRoot: packageRoot).path)
    else { return nil }
    return try? JSONDecoder().decode(BuildStamp.self, from: data)
  }

  func save(packageRoot: URL) {
    try? JSONEncoder().encode(self).write(to: Self.location(packageRoot: packageRoot))
  }

  static func forget(packageRoot: URL) {
    try? FileManager.default.removeItem(at: location(packageRoot: packageRoot))
  }

  /// A file's size, modification time and inode: what changes when the file is written.
  static func signature(of path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "-" }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    return "\(info.st_size) \(time.tv_sec).\(time.tv_nsec) \(info.st_ino)"
  }
}

/// The 64-bit FNV-1a hash: small, stable across runs and platforms (unlike `Hasher`).
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func add(_ text: String) {
    for byte in text.utf8 + [0] {
      value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }
  }
}
