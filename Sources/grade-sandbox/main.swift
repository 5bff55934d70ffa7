// `grade-sandbox [--visible PATH]... -- PROGRAM [ARGUMENT]...`: runs PROGRAM where it can reach
// nothing of the machine but what it needs (Linux).
//
// The grader starts every test process of a submission it grades strictly through this tool. It
// makes new user, mount, PID, network, IPC and UTS namespaces and, in a fresh root, shows the
// program only the system's programs and libraries (`/usr` and the toolchain, read-only), the
// device nodes /dev/null, /dev/zero, /dev/full, /dev/random and /dev/urandom, a `/proc` of its
// own PID namespace, a private `/tmp`, and each `--visible` PATH read-only at its own path (the
// workbook's data, the test bundle). Everything else — the instructor's workbook, the catalog,
// other submissions, the grader's folders, the home folder — is simply not there. The program
// runs as root of its user namespace without any capability, so it can neither mount, unmount
// nor pivot; it sees no other process (so it can signal none), and has no network but a
// loopback that is down.
//
// PROGRAM is opened before anything is hidden and executed from that descriptor, so a sealed
// copy of the bundle (`/proc/<grader>/fd/<n>`) runs as it is. The tool exits as the program did:
// with its status, or killed by the same signal. It is one small executable without Foundation,
// single-threaded, so that it may fork between making the PID namespace and entering it; its
// failures print `grade-sandbox: <step>: <reason>` and exit with status 125.
//
// `grade-sandbox --check` sets everything up around `/bin/true`: status 0 when this machine
// allows it (unprivileged user namespaces; Docker's default seccomp profile does not).

#if os(Linux)
  import Glibc

  @_silgen_name("unshare") func unshare(_ flags: Int32) -> Int32
  @_silgen_name("mount")
  func mount(
    _ source: UnsafePointer<CChar>?, _ target: UnsafePointer<CChar>,
    _ type: UnsafePointer<CChar>?, _ flags: UInt, _ data: UnsafeRawPointer?
  ) -> Int32
  @_silgen_name("umount2") func umount2(_ target: UnsafePointer<CChar>, _ flags: Int32) -> Int32
  @_silgen_name("fork") func forkProcess() -> pid_t
  @_silgen_name("prctl")
  func prctl(_ option: Int32, _ a2: UInt, _ a3: UInt, _ a4: UInt, _ a5: UInt) -> Int32
  /// glibc's `syscall`, called with two pointers (its assembly reads registers, not `va_arg`).
  @_silgen_name("syscall")
  func syscall2(_ number: Int, _ a: UnsafePointer<CChar>, _ b: UnsafePointer<CChar>) -> Int

  let newUser: Int32 = 0x1000_0000, newNamespace: Int32 = 0x0002_0000
  let newPID: Int32 = 0x2000_0000, newNetwork: Int32 = 0x4000_0000
  let newIPC: Int32 = 0x0800_0000, newUTS: Int32 = 0x0400_0000
  let bind: UInt = 4096, recursive: UInt = 16384, remount: UInt = 32, readOnly: UInt = 1
  let noSetUID: UInt = 2, noDevices: UInt = 4, noExec: UInt = 8, privateMount: UInt = 1 << 18
  let pathOnly: Int32 = 0o10_000_000  // O_PATH
  let detach: Int32 = 2  // MNT_DETACH
  #if arch(x86_64)
    let pivotRootCall = 155
  #else
    let pivotRootCall = 41
  #endif

  /// Stops with what failed.
  func fail(_ step: String, _ code: Int32 = errno) -> Never {
    let text = "grade-sandbox: \(step): \(String(cString: strerror(code)))\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(125)
  }

  func check(_ result: some BinaryInteger, _ step: @autoclosure () -> String) {
    if result < 0 { fail(step()) }
  }

  /// Writes `text` into the file at `path` (the user namespace's maps).
  func write(_ text: String, to path: String) {
    let fd = open(path, O_WRONLY)
    check(fd, "open \(path)")
    let count = text.withCString { Glibc.write(fd, $0, strlen($0)) }
    check(count, "write \(path)")
    close(fd)
  }

  /// Makes `path` and its parents under the new root, as folders, or the last as a file.
  func make(_ path: String, file: Bool = false) {
    var built = ""
    let parts = path.split(separator: "/")
    for (index, part) in parts.enumerated() {
      built += "/" + part
      if index == parts.count - 1 && file {
        let fd = open(built, O_CREAT | O_WRONLY, 0o600)
        check(fd, "create \(built)")
        close(fd)
      } else if mkdir(built, 0o755) != 0 && errno != EEXIST {
        fail("mkdir \(built)")
      }
    }
  }

  /// The mount flags `statvfs` reports of `path` that a bind mount of it must keep when it is
  /// made read-only (the kernel refuses to drop a flag it locked for the user namespace).
  func lockedFlags(of path: String) -> UInt {
    var info = statvfs()
    guard statvfs(path, &info) == 0 else { return noSetUID | noDevices }
    // ST_NOSUID, ST_NODEV and ST_NOEXEC have the values of the matching mount flags.
    return info.f_flag & (noSetUID | noDevices | noExec)
  }

  /// Binds `source` (a path, or an open descriptor's `/proc/self/fd/N`) at `target`, read-only
  /// unless `writable`.
  func bindMount(_ source: String, at target: String, lockedFrom original: String) {
    check(mount(source, target, nil, bind | recursive, nil), "bind \(original) at \(target)")
    check(
      mount(nil, target, nil, bind | remount | readOnly | lockedFlags(of: original), nil),
      "make \(target) read-only")
  }

  /// The toolchain's `usr` folder: where the Swift runtime this tool runs on was loaded from.
  func toolchain() -> String? {
    guard let maps = fopen("/proc/self/maps", "r") else { return nil }
    defer { fclose(maps) }
    var line = [CChar](repeating: 0, count: 4096)
    while fgets(&line, Int32(line.count), maps) != nil {
      let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
      guard let start = text.firstIndex(of: "/"), text.contains("/lib/swift/linux/libswiftCore.so")
      else { continue }
      let path = text[start...].trimmingCharacters(in: "\n")
      // …/usr/lib/swift/linux/libswiftCore.so
      var parts = path.split(separator: "/", omittingEmptySubsequences: false)
      parts.removeLast(4)
      return parts.joined(separator: "/")
    }
    return nil
  }

  extension Substring {
    func trimmingCharacters(in character: Character) -> String {
      String(self.filter { $0 != character })
    }
  }

  var arguments = Array(CommandLine.arguments.dropFirst())
  let checking = arguments == ["--check"]
  var visible: [String] = []
  if checking {
    arguments = ["/bin/true"]
  } else {
    while let first = arguments.first, first != "--" {
      guard first == "--visible", arguments.count > 1 else {
        fail("usage: grade-sandbox [--visible PATH]... -- PROGRAM [ARGUMENT]...", EINVAL)
      }
      visible.append(arguments[1])
      arguments.removeFirst(2)
    }
    arguments = Array(arguments.dropFirst())
  }
  guard let program = arguments.first else { fail("no program to run", EINVAL) }

  // Opened before anything is hidden: the program may live under a folder the sandbox hides, or
  // be another process's descriptor.
  let programFD = open(program, O_RDONLY | O_CLOEXEC)
  check(programFD, "open \(program)")
  let uid = getuid()
  let gid = getgid()
  let system = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
  let toolchainUsr = toolchain()

  check(unshare(newUser | newNamespace | newPID | newNetwork | newIPC | newUTS), "unshare")
  write("deny", to: "/proc/self/setgroups")
  write("0 \(uid) 1", to: "/proc/self/uid_map")
  write("0 \(gid) 1", to: "/proc/self/gid_map")

  // The program's wait status, from the namespace's first process to this one.
  var statusPipe: [Int32] = [0, 0]
  check(pipe(&statusPipe), "pipe")
  let child = forkProcess()
  check(child, "fork")
  if child > 0 {
    // Outside the PID namespace: wait, and end as the program ended.
    close(statusPipe[1])
    var status: Int32 = 0
    while waitpid(child, &status, 0) == -1 && errno == EINTR {}
    var reported: Int32 = 0
    if read(statusPipe[0], &reported, 4) == 4 { status = reported }
    if status & 0x7f == 0 { exit((status >> 8) & 0xff) }
    let signal = status & 0x7f
    var limit = rlimit(rlim_cur: 0, rlim_max: 0)
    setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
    Glibc.signal(signal, SIG_DFL)
    kill(getpid(), signal)
    exit(128 + signal)
  }

  // PID 1 of the new namespace, which dies with the tool and takes every process of the
  // namespace with it.
  _ = prctl(1, UInt(SIGKILL), 0, 0, 0)  // PR_SET_PDEATHSIG
  close(statusPipe[0])
  let root = "/tmp"
  check(mount(nil, "/", nil, recursive | privateMount, nil), "make mounts private")
  // Opened in this mount namespace (a bind mount takes its source from its own) and before
  // anything is hidden.
  let visibleFDs = visible.map { path -> Int32 in
    let fd = open(path, pathOnly | O_CLOEXEC)
    check(fd, "open \(path)")
    return fd
  }
  check(
    mount("sandbox", root, "tmpfs", noSetUID | noDevices, "mode=755,size=16m"), "mount the root")
  for folder in system {
    var info = stat()
    guard lstat(folder, &info) == 0 else { continue }
    if info.st_mode & S_IFMT == S_IFLNK {
      var target = [CChar](repeating: 0, count: 4096)
      let count = readlink(folder, &target, target.count - 1)
      check(count, "readlink \(folder)")
      check(symlink(target, root + folder), "link \(folder)")
    } else {
      make(root + folder)
      bindMount(folder, at: root + folder, lockedFrom: folder)
    }
  }
  if let toolchainUsr, !toolchainUsr.hasPrefix("/usr/") {
    make(root + toolchainUsr)
    bindMount(toolchainUsr, at: root + toolchainUsr, lockedFrom: toolchainUsr)
  }
  for device in ["null", "zero", "full", "random", "urandom"] {
    make(root + "/dev/" + device, file: true)
    check(mount("/dev/" + device, root + "/dev/" + device, nil, bind, nil), "bind /dev/\(device)")
  }
  check(symlink("/proc/self/fd", root + "/dev/fd"), "link /dev/fd")
  make(root + "/proc")
  make(root + "/tmp")
  make(root + "/oldroot")
  check(
    mount("proc", root + "/proc", "proc", noSetUID | noDevices | noExec, nil), "mount /proc")
  check(
    mount("tmp", root + "/tmp", "tmpfs", noSetUID | noDevices, "mode=1777,size=512m"),
    "mount /tmp")
  // After /tmp: a visible path under it (a workbook checked out there) is bound on top.
  for (path, fd) in zip(visible, visibleFDs) {
    var info = stat()
    check(fstat(fd, &info), "stat \(path)")
    make(root + path, file: info.st_mode & S_IFMT != S_IFDIR)
    bindMount("/proc/self/fd/\(fd)", at: root + path, lockedFrom: "/proc/self/fd/\(fd)")
  }
  check(chdir(root), "chdir to the new root")
  check(syscall2(pivotRootCall, ".", "oldroot"), "pivot_root")
  check(umount2("/oldroot", detach), "unmount the old root")
  check(rmdir("/oldroot"), "remove the old root")
  check(
    mount(nil, "/", nil, remount | bind | readOnly | noSetUID | noDevices, nil), "root read-only")
  check(chdir("/tmp"), "chdir /tmp")

  // The program runs as the namespace's second process, so that signals reach it as anywhere
  // else (the first process of a PID namespace ignores those it has no handler for).
  let programPID = forkProcess()
  check(programPID, "fork the program")
  if programPID == 0 {
    // No capability after exec, even as root of the namespace, and no way to gain one.
    check(prctl(38, 1, 0, 0, 0), "no new privileges")  // PR_SET_NO_NEW_PRIVS
    for capability in 0..<64 {
      if prctl(24, UInt(capability), 0, 0, 0) != 0 && errno == EINVAL { break }  // CAPBSET_DROP
    }
    let argv = arguments.map { strdup($0) } + [nil]
    fexecve(programFD, argv, environ)
    fail("exec \(arguments[0])")
  }
  // Reaps every orphan of the namespace until the program ends, then reports how it ended; the
  // processes it left die with this one.
  var status: Int32 = 0
  while true {
    let ended = waitpid(-1, &status, 0)
    if ended == programPID { break }
    if ended == -1 && errno != EINTR { fail("wait for the program") }
  }
  _ = Glibc.write(statusPipe[1], &status, 4)
  exit(0)
#else
  print("grade-sandbox: Linux only")
  exit(125)
#endif
