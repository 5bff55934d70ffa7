import Foundation

#if os(Linux)
  @_silgen_name("memfd_create")
  private func memfdCreate(_ name: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif

/// A copy of the test bundle that learner code can neither delete, replace nor change (Linux).
///
/// Learner code runs as the grader's user and could remove or overwrite the bundle in `.build`,
/// so that every later exercise fails to start or runs a program of its choosing. The copy lives
/// in an anonymous memory file (`memfd_create`), sealed against every write and resize, and is
/// started through `/proc/<grader>/fd/<n>`: it has no name in any folder, and its seals hold for
/// every process that reopens it. Elsewhere (or without memfd) `make` returns nil and the bundle
/// runs from where the build left it.
final class SealedBundle: Sendable {
  /// The path to start the copy by.
  let path: URL
  private let descriptor: Int32

  private init(path: URL, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// A sealed copy of `bundle`, or nil where one cannot be made.
  static func make(from bundle: URL) -> SealedBundle? {
    #if os(Linux)
      let cloexecAndSealing: UInt32 = 0x1 | 0x2  // MFD_CLOEXEC | MFD_ALLOW_SEALING
      let seals: Int32 = 0x1 | 0x2 | 0x4 | 0x8  // F_SEAL_SEAL, _SHRINK, _GROW, _WRITE
      let addSeals: Int32 = 1033  // F_ADD_SEALS
      guard let bytes = FileManager.default.contents(atPath: bundle.path) else { return nil }
      let fd = memfdCreate("grade-test-bundle", cloexecAndSealing)
      guard fd >= 0 else { return nil }
      let written = bytes.withUnsafeBytes { buffer -> Bool in
        var offset = 0
        while offset < buffer.count {
          let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
          if count < 0 && errno == EINTR { continue }
          guard count > 0 else { return false }
          offset += count
        }
        return true
      }
      guard written, fchmod(fd, 0o500) == 0, fcntl(fd, addSeals, seals) == 0 else {
        close(fd)
        return nil
      }
      return SealedBundle(
        path: URL(fileURLWithPath: "/proc/\(getpid())/fd/\(fd)"), descriptor: fd)
    #else
      return nil
    #endif
  }
}
