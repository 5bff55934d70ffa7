import Foundation

/// What the last successful build compiled, so that `grade` can skip a `swift build` that would
/// do nothing (a no-op build and `--show-bin-path` cost about 0.8 s).
///
/// The stamp holds a digest of the build's inputs (every file's path and contents under the
/// folders the build reads: `snapshot`) taken *before* the build started, never after it: a file
/// saved while the compiler runs (`grade --watch`, an editor's save) then differs from the stamp,
/// and the next grade builds again instead of grading the old code as the new. It also holds the
/// test bundle's size, modification time and inode as the build left it, so a bundle rebuilt by
/// someone else leads to a real build too; so do an edit, a new file and a deleted one.
///
/// Contents, not size, time and inode: a save within the file system's timestamp tick, or a copy
/// that keeps the times, has the same signature and other code. Hashing them all is cheap enough
/// to do on every grade, so no signature is trusted as a shortcut (that would reopen the same
/// hole for a file written within a tick of the snapshot, git's "racily clean" entries). On the
/// workbook (346 entries, 1.3 MB), in a debug build, on 2 cores busy with another build (best of
/// 7 to 9 runs): listing and `stat` take 17–19 ms, listing, reading and FNV-1a 17–32 ms, and
/// with `SHA256` 58–121 ms. FNV-1a's 64 bits tell edits apart; nobody forges collisions here.
struct BuildStamp: Codable, Equatable {
  /// The digest of the inputs' paths and contents, read before the build (`snapshot`).
  var sources: String
  /// The test bundle that the build produced.
  var bundle: String
  /// The bundle's size, modification time and inode after the build (`signature(of:)`).
  var product: String
  /// The learner files that did not compile in that build, whose stubs it built instead.
  var uncompilable: [String: [Diagnostic]] = [:]
  /// The digest of the same inputs without the learner files' contents (`Digests.frame`): equal
  /// to the next snapshot's when only learner files were edited, none added or removed.
  var frame: String?
  /// SwiftPM's commands that rebuild the learner's module and the bundle (`QuickRebuild`), when
  /// that build compiled every learner file.
  var quick: QuickRebuild.Commands?

  /// The folders and files whose contents the build depends on (SwiftPM skips hidden ones).
  static let inputs = ["Package.swift", "Sources", "Exercises", "Solutions", "Tests"]

  /// Where the stamp is kept, inside the build folder (so `rm -rf .build` forgets it too).
  static func location(packageRoot: URL) -> URL {
    packageRoot.appendingPathComponent(".build/grade-build-stamp.json")
  }

  /// A digest of the build's inputs as they are now: each file's path and contents, and each
  /// folder's path.
  ///
  /// Take it before the build starts and save the stamp from it after: what is on disk then may
  /// already be newer than what the compiler read. A file saved while this reads is either read
  /// new (and the build, which starts later, reads it new too) or read old (and differs next time).
  static func snapshot(packageRoot: URL, learnerFolder: String = "Exercises") -> String {
    digests(packageRoot: packageRoot, learnerFolder: learnerFolder).sources
  }

  /// The two digests of the build's inputs, read in one pass.
  struct Digests {
    /// Every file's path and contents (`snapshot`).
    var sources: String
    /// Every file's path, and the contents of those outside the learner's folder.
    var frame: String
  }

  /// The inputs' digests as they are now (see `snapshot`).
  static func digests(packageRoot: URL, learnerFolder: String = "Exercises") -> Digests {
    var hash = FNV1a()
    var frame = FNV1a()
    for input in inputs.map({ $0 == "Exercises" ? learnerFolder : $0 }) {
      let url = packageRoot.appendingPathComponent(input)
      var isDirectory: ObjCBool = false
      let isFolder =
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        && isDirectory.boolValue
      let files = isFolder ? visibleFiles(under: input, in: packageRoot) : [input]
      for file in files {
        hash.add(file)
        frame.add(file)
        // A folder (or a link to one) reads as nil, like a missing file: its files are listed.
        if let contents = FileManager.default.contents(
          atPath: packageRoot.appendingPathComponent(file).path)
        {
          hash.add(contentsOf: contents)
          if input != learnerFolder { frame.add(contentsOf: contents) }
        } else {
          hash.add("-")
          frame.add("-")
        }
      }
    }
    return Digests(sources: String(hash.value, radix: 16), frame: String(frame.value, radix: 16))
  }

  /// The stamp of a build of the inputs in `snapshot`, which produced `bundle`.
  init(
    sources snapshot: String, bundle: URL, uncompilable: [String: [Diagnostic]] = [:],
    frame: String? = nil, quick: QuickRebuild.Commands? = nil
  ) {
    self.sources = snapshot
    self.bundle = bundle.path
    self.product = Self.signature(of: bundle.path)
    self.uncompilable = uncompilable
    self.frame = frame
    self.quick = quick
  }

  /// The stamp for the package as it is now, with `bundle` as the build's product.
  static func current(
    packageRoot: URL, learnerFolder: String = "Exercises", bundle: URL,
    uncompilable: [String: [Diagnostic]] = [:]
  ) -> BuildStamp {
    BuildStamp(
      sources: snapshot(packageRoot: packageRoot, learnerFolder: learnerFolder), bundle: bundle,
      uncompilable: uncompilable)
  }

  /// The stamp written by the last successful build, if any.
  static func saved(packageRoot: URL) -> BuildStamp? {
    guard let data = FileManager.default.contents(atPath: location(packageRoot: packageRoot).path)
    else { return nil }
    return try? JSONDecoder().decode(BuildStamp.self, from: data)
  }

  /// The stamp written by the last successful build when it built the inputs in `snapshot` and
  /// its bundle is still as it left it (skip the build); nil when the package must be built.
  static func saved(packageRoot: URL, matching snapshot: String) -> BuildStamp? {
    guard let stamp = saved(packageRoot: packageRoot), stamp.sources == snapshot,
      stamp.product == signature(of: stamp.bundle)
    else { return nil }
    return stamp
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

  /// Adds `data`'s length, then its bytes.
  ///
  /// Written for a debug build: a plain loop over a buffer pointer, 1.3 MB in about 10 ms.
  mutating func add(contentsOf data: Data) {
    add(String(data.count))
    var value = self.value
    data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      var index = 0
      let count = bytes.count
      while index < count {
        value = (value ^ UInt64(bytes[index])) &* 0x100_0000_01b3
        index &+= 1
      }
    }
    self.value = value
  }
}
