import Foundation
import Testing

@Suite("Gradescope: setup.sh installs what swift.org lists for the image's Ubuntu release")
struct SetupScriptTests {
  /// The suffix swift.org gives this machine's architecture in a toolchain's URL.
  #if arch(arm64)
    private static let architecture = "-aarch64"
  #else
    private static let architecture = ""
  #endif

  /// Runs `bash autograder/setup.sh --dry-run` on an os-release file of Ubuntu `versionID` in
  /// `folder`, with the autograder's root in `folder` too; returns its status and what it printed.
  private func setup(versionID: String, in folder: URL) throws -> (status: Int32, output: String) {
    let osRelease = folder.appendingPathComponent("os-release")
    try Data("NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"\(versionID)\"\n".utf8).write(to: osRelease)
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = ["autograder/setup.sh", "--dry-run"]
    script.currentDirectoryURL = packageRoot
    script.environment = ProcessInfo.processInfo.environment.merging(
      [
        "OS_RELEASE_FILE": osRelease.path,
        "AUTOGRADER_ROOT": folder.appendingPathComponent("autograder").path,
      ]) { $1 }
    let pipe = Pipe()
    script.standardOutput = pipe
    script.standardError = pipe
    try script.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    script.waitUntilExit()
    return (script.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  @Test(
    "a dry run names the release's gcc and stdc++ packages, the 6.3.1 toolchain, its signature and the workbook, and changes nothing",
    arguments: zip(["22.04", "24.04"], [11, 13]))
  func dryRun(versionID: String, gcc: Int) throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (status, output) = try setup(versionID: versionID, in: folder)
    #expect(status == 0, "\(output)")

    let otherGCC = gcc == 11 ? 13 : 11
    #expect(output.contains("libgcc-\(gcc)-dev"))
    #expect(output.contains("libstdc++-\(gcc)-dev"))
    #expect(!output.contains("libgcc-\(otherGCC)-dev"))
    #expect(!output.contains("libstdc++-\(otherGCC)-dev"))

    let platform = "ubuntu\(versionID)\(Self.architecture)"
    let folderName = "ubuntu\(versionID.filter { $0 != "." })\(Self.architecture)"
    let tarball =
      "https://download.swift.org/swift-6.3.1-release/\(folderName)/swift-6.3.1-RELEASE/"
      + "swift-6.3.1-RELEASE-\(platform).tar.gz"
    #expect(output.contains(tarball + "\n"))
    #expect(output.contains(tarball + ".sig"))
    #expect(output.contains("https://swift.org/keys/all-keys.asc"))
    #expect(output.contains("52BB7E3DE28A71BE22EC05FFEF80A866B47A981F"))
    #expect(output.contains(folder.appendingPathComponent("autograder/source/workbook").path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["os-release"])
  }

  @Test("an unsupported Ubuntu release stops the script with a message naming it")
  func unsupportedRelease() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (status, output) = try setup(versionID: "20.04", in: folder)
    #expect(status != 0)
    #expect(output.contains("unsupported"))
    #expect(output.contains("VERSION_ID=20.04"))
    #expect(!output.contains("apt-get"))
  }
}
