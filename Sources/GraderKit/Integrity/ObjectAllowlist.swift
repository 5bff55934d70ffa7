import Foundation

/// `grade --strict`: what the objects of a learner's module may use and hold.
///
/// Learner code runs in the test process, which writes the results. An object's undefined
/// symbols name every function and variable its code uses outside its module, however the source
/// reached them (a name bound by `@_silgen_name` included, such as a symbol of the reference
/// solutions, which the test bundle links; `dlsym` is a symbol too), and its sections say whether code runs outside every test (a
/// constructor in `.init_array`, a destructor in `.fini_array`) or asks the linker for more. So
/// the check reads objects, not Swift, and allows rather than forbids: learner code may use the
/// Swift runtime and standard library, `Workbook`, libm, Foundation's `String(format:)` and what
/// the compiler emits for ordinary Swift; every other symbol and section refuses the submission.
///
/// The lists come from the undefined symbols and sections of every reference solution compiled
/// as a learner's module is (`-Onone` against `Workbook`, file by file as SwiftPM does and as a
/// whole with library evolution as `grade --batch` does), of the stubs, of the reference as
/// SwiftPM optimises it, and of a file of ordinary Swift beyond them (classes, weak references,
/// generics, key paths, typed throws, async code, `Float16` and `Int128`).
public enum ObjectAllowlist {
  // MARK: Swift symbols

  /// Modules whose Swift symbols learner code may use, beside its own module's.
  ///
  /// The standard library (the concurrency runtime mangles as `Swift`; `_StringProcessing` holds
  /// string algorithms such as `contains` and `split`) and the workbook's shared library. A
  /// symbol qualifies when every module its demangled tree names is one of these: an extension
  /// that another module declares on a standard type, such as Foundation's
  /// `String(contentsOfFile:)`, names that module too.
  static let swiftModules: Set<String> = ["Swift", "_StringProcessing", "Workbook"]

  /// Standard library entry points refused although their module is allowed.
  ///
  /// The command line names the event stream, and a type looked up by its name may be the
  /// reference's, reached without naming any of its symbols (the runtime's own lookup, which
  /// compiled code calls, remains: the check reads names, not what code computes).
  static let refusedStandardLibrary = [
    "CommandLine", "_typeByName", "_getTypeByMangledNameInContext",
    "_getTypeByMangledNameInEnvironment",
  ].map { "$ss\($0.utf8.count)\($0)" }

  /// Foundation's string formatting, by mangled prefix: every `String(format:…)`, and the
  /// `contains(_:)` that plain string code calls once the file imports Foundation (half the stubs
  /// do).
  static let foundationPrefixes = ["$sSS10FoundationE6format", "$sSy10FoundationE8contains"]

  /// Foundation by exact symbol: `String`'s `CVarArg` conformance, for a string formatted by `%@`.
  static let foundationSymbols: Set<String> = ["$sSSs7CVarArg10FoundationMc"]

  // MARK: C symbols

  /// libm's functions, each also with the `f` (`Float`) and `l` (`Float80`) suffixes.
  ///
  /// `pow`, `exp`, `log`… reached through Foundation or Glibc are these C functions.
  static let mathFunctions: Set<String> = Set(
    [
      "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "copysign", "cos",
      "cosh", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "fdim", "floor", "fma", "fmax", "fmin",
      "fmod", "frexp", "hypot", "ilogb", "ldexp", "lgamma", "llrint", "llround", "log", "log10",
      "log1p", "log2", "logb", "lrint", "lround", "modf", "nan", "nearbyint", "nextafter",
      "nexttoward", "pow", "remainder", "remquo", "rint", "round", "scalbln", "scalbn", "sin",
      "sinh", "sqrt", "tan", "tanh", "tgamma", "trunc",
    ].flatMap { [$0, $0 + "f", $0 + "l"] })

  /// What the compiler calls for ordinary Swift besides the runtime.
  ///
  /// Memory copies; a coroutine's frame (`malloc`, `free`: a class's `modify` accessor); an
  /// array's capacity (`malloc_usable_size`, inlined from the standard library under `-O`); the
  /// stack protector; compiler-rt's `Int128` division and `Float16` conversions.
  static let compilerSupport: Set<String> = [
    "memcpy", "memmove", "memset", "malloc", "free", "malloc_usable_size", "__stack_chk_fail",
    "__divti3", "__udivti3", "__modti3", "__umodti3", "__multi3", "__muloti4", "__extendhfsf2",
    "__extendhfdf2", "__truncsfhf2", "__truncdfhf2", "__gnu_h2f_ieee", "__gnu_f2h_ieee",
  ]

  /// The Swift runtime's entry points that compiled Swift calls, by family.
  ///
  /// Reference counting, allocation, metadata and witness tables (a type looked up by a mangled
  /// name only as compiled code does, in a context), casts, value witnesses of generic and
  /// multi-payload enum types, exclusivity, lazy globals, key paths, errors, concurrency and the
  /// stack check of `withUnsafeTemporaryAllocation`. Not `swift_` as a whole: the test process
  /// also links Foundation's ICU, whose `swift_u_fopen` and `swift_u_file_write` write files. A
  /// `…_hook` is refused: it replaces an executor.
  static let runtimePrefixes = [
    "swift_retain", "swift_release", "swift_nonatomic_", "swift_unknownObject",
    "swift_bridgeObject", "swift_unowned", "swift_weak", "swift_tryRetain", "swift_isDeallocating",
    "swift_setDeallocating", "swift_isUniquelyReferenced", "swift_isEscapingClosure",
    "swift_verifyEndOfLifetime",
    "swift_alloc", "swift_dealloc", "swift_initStackObject", "swift_initStaticObject",
    "swift_projectBox", "swift_makeBoxUnique", "swift_slowAlloc", "swift_slowDealloc",
    "swift_coroFrameAlloc",
    "swift_initClassMetadata", "swift_initEnumMetadata", "swift_initStructMetadata",
    "swift_initRawStructMetadata", "swift_relocateClassMetadata", "swift_getGenericMetadata",
    "swift_getWitnessTable", "swift_getAssociated", "swift_getTupleType", "swift_getFunctionType",
    "swift_getExtendedFunctionType", "swift_getExistential", "swift_getExtendedExistential",
    "swift_getMetatypeMetadata", "swift_getForeignTypeMetadata", "swift_getFixedArrayType",
    "swift_getSingletonMetadata", "swift_getCanonical", "swift_getOpaqueType",
    "swift_getObjectType", "swift_getDynamicType", "swift_getTypeByMangledNameInContext",
    "swift_checkMetadataState", "swift_compare", "swift_lookUpClassMethod", "swift_dynamicCast",
    "swift_deleted",
    "swift_array", "swift_assignExistentialWithCopy", "swift_copyPOD", "swift_cvw_",
    "swift_generic_", "swift_getEnum", "swift_getMultiPayloadEnum", "swift_storeEnumTag",
    "swift_storeMultiPayloadEnum", "swift_enumSimple_", "swift_enumFn_",
    "swift_singlePayloadEnumGeneric_", "swift_multiPayloadEnumGeneric_", "swift_singletonEnum_",
    "swift_beginAccess", "swift_endAccess", "swift_once", "swift_getKeyPath", "swift_getAt",
    "swift_readAtKeyPath", "swift_modifyAt", "swift_setAt", "swift_keyPathGenericWitnessTable",
    "swift_copyKeyPathTrivialIndices", "swift_willThrow", "swift_errorRetain",
    "swift_errorRelease", "swift_getErrorValue", "swift_unexpectedError",
    "swift_task_", "swift_taskGroup_", "swift_asyncLet_", "swift_continuation_",
    "swift_defaultActor_", "swift_stdlib_isStackAllocationSafe",
  ]

  /// The runtime's data: the standard library's empty collections (`_swiftEmptyArrayStorage`…)
  /// and, on Darwin, the autolink anchors `_swift_FORCE_LOAD_$_…`, which hold no code.
  static let runtimeDataPrefixes = ["_swiftEmpty", "_swift_FORCE_LOAD_$_"]

  /// Whether code of `module` may use `symbol`.
  ///
  /// - Parameter modules: for a Swift symbol, the modules its demangled tree names (`nil` when it
  ///   does not demangle: refused).
  static func allows(_ symbol: String, modules: Set<String>?, module: String) -> Bool {
    if symbol.hasPrefix("$s") {
      if foundationSymbols.contains(symbol) || foundationPrefixes.contains(where: symbol.hasPrefix)
      {
        return true
      }
      if refusedStandardLibrary.contains(where: symbol.hasPrefix) { return false }
      guard let modules else { return false }
      return modules.isSubset(of: swiftModules.union([module]))
    }
    if mathFunctions.contains(symbol) || compilerSupport.contains(symbol)
      || runtimeDataPrefixes.contains(where: symbol.hasPrefix)
    {
      return true
    }
    return runtimePrefixes.contains(where: symbol.hasPrefix) && !symbol.hasSuffix("_hook")
  }

  // MARK: Sections

  /// The sections of ordinary Swift objects on Linux (ELF), by exact name.
  ///
  /// Code, data, constants and strings; unwinding; the Swift runtime's metadata (`swift5_…`, which
  /// it reads, never runs); autolinking (`.swift1_autolink_entries`, checked entry by entry, and
  /// `.linker-options`, which must stay empty); the module's hash; symbols. A relocation section
  /// (`.rela` and the name) follows its section.
  static let sections: Set<String> = [
    "", ".text", ".data", ".bss", ".rodata", ".data.rel.ro", ".rodata.cst4", ".rodata.cst8",
    ".rodata.cst16", ".rodata.str1.1", ".rodata.str1.16", ".eh_frame", ".note.GNU-stack",
    ".linker-options", ".swift1_autolink_entries", ".swift_modhash", ".symtab", ".strtab",
    "swift5_assocty", "swift5_builtin", "swift5_capture", "swift5_fieldmd", "swift5_mpenum",
    "swift5_protocol_conformances", "swift5_protocols", "swift5_reflstr", "swift5_type_metadata",
    "swift5_typeref",
  ]

  /// The same by prefix: a function's or a variable's own section (`.text.$s9Exercises…`,
  /// `.rodata.cst4.$s…`, `.rodata.__swift_reflection_version`) and debug information.
  static let sectionPrefixes = [".text.", ".rodata.", ".data.", ".bss.", ".debug_"]

  /// What `.swift1_autolink_entries` may ask the linker for: the libraries of the modules a learner
  /// file imports.
  ///
  /// The compiler driver passes every entry to the linker as it stands, so an entry a source
  /// wrote there (`@section`) could add a constructor (`-Wl,-init,…`) or wrap `exit`.
  static let autolinkEntries: Set<String> = [
    "-lswiftCore", "-lswift_Concurrency", "-lswift_StringProcessing", "-lswift_RegexParser",
    "-lswiftSwiftOnoneSupport", "-lswiftGlibc", "-lswiftDispatch", "-ldispatch",
    "-lBlocksRuntime", "-lFoundation", "-lFoundationEssentials",
    "-lFoundationInternationalization", "-lm", "-lpthread", "-lutil", "-ldl",
  ]

  /// ELF's section types for constructors and destructors (`SHT_INIT_ARRAY`, `SHT_FINI_ARRAY`,
  /// `SHT_PREINIT_ARRAY`), refused under any name.
  static let elfConstructorTypes: Set<UInt32> = [14, 15, 16]

  /// Mach-O's section types for constructors and destructors (`__mod_init_func`,
  /// `__mod_term_func`, `__init_offsets`): the only sections refused on Darwin, where no
  /// object of ordinary Swift has been listed.
  static let machOConstructorTypes: Set<UInt32> = [0x9, 0xa, 0x16]

  /// A section of an object file.
  struct Section: Equatable {
    var name: String
    /// ELF's `sh_type`, or the type in a Mach-O section's flags.
    var type: UInt32
    /// The bytes, for the sections whose contents the check reads.
    var contents: Data? = nil
  }

  /// An object file's format, as far as the check reads it.
  enum Format {
    case elf, machO
  }

  /// The sections of `sections` (of an object in `format`) that ordinary Swift does not have,
  /// each with what is wrong when its name alone does not say it.
  static func disallowedSections(_ sections: [Section], format: Format) -> [String] {
    sections.compactMap { section in
      switch format {
      case .machO:
        return machOConstructorTypes.contains(section.type) ? section.name : nil
      case .elf:
        let name = section.name
        // A relocation section (SHT_RELA, SHT_REL) is named by the section it relocates.
        let relocation = section.type == 4 || section.type == 9
        let prefix = [".rela", ".rel"].first {
          relocation && name.hasPrefix($0) && name.count > $0.count
        }
        let base = prefix.map { String(name.dropFirst($0.count)) } ?? name
        guard !elfConstructorTypes.contains(section.type),
          Self.sections.contains(base) || sectionPrefixes.contains(where: base.hasPrefix)
        else { return base }
        let entries = (section.contents ?? Data()).split(separator: 0).map {
          String(decoding: $0, as: UTF8.self)
        }
        if name == ".linker-options", !entries.isEmpty {
          return "\(name) (\(entries.joined(separator: " ")))"
        }
        let unknown = entries.filter { !autolinkEntries.contains($0) }
        if name == ".swift1_autolink_entries", !unknown.isEmpty {
          return "\(name) (\(unknown.joined(separator: " ")))"
        }
        return nil
      }
    }
  }

  // MARK: Checking objects

  /// What one object file uses or holds outside the allowlist.
  public struct Refusal: Equatable, Sendable {
    /// Undefined symbols outside the allowlist, sorted, as the object names them (without
    /// Darwin's leading underscore).
    public var symbols: [String] = []
    /// The demangled names of those of `symbols` that demangle.
    public var demangled: [String: String] = [:]
    /// Sections ordinary Swift does not have, with the entries a linker section should not hold.
    public var sections: [String] = []

    var isEmpty: Bool { symbols.isEmpty && sections.isEmpty }

    /// `symbol` as a person reads it: demangled, with the mangled name after it.
    func shown(_ symbol: String) -> String {
      demangled[symbol].map { "\($0) (\(symbol))" } ?? symbol
    }
  }

  /// What each of `objects` (the objects of module `module`) uses or holds outside the
  /// allowlist, keyed by the object's source file name; objects within it are left out.
  ///
  /// One `nm` lists every object's undefined symbols (a process per object file cost a class's
  /// batch 40 of them per submission), and one demangler run reads every Swift symbol.
  ///
  /// - Parameters:
  ///   - objects: the learner module's object files (`<bin>/Exercises.build/*.o`).
  ///   - nm: an `nm` that prints undefined symbols with `-u` (the toolchain's `llvm-nm`).
  public static func violations(
    in objects: [URL], nm: URL, module: String = "Exercises"
  ) throws(GradeError) -> [String: Refusal] {
    guard !objects.isEmpty else { return [:] }
    let undefined = try undefinedSymbols(in: objects, nm: nm)
    let demangled = try demangle(Set(undefined.values.joined().filter { $0.hasPrefix("$s") }))
    var found: [String: Refusal] = [:]
    for object in objects {
      let file = object.deletingPathExtension().lastPathComponent
      var refusal = found[file] ?? Refusal()
      for symbol in undefined[object] ?? []
      where !allows(symbol, modules: demangled[symbol]?.modules, module: module) {
        refusal.symbols.append(symbol)
        refusal.demangled[symbol] = demangled[symbol]?.text
      }
      refusal.sections += disallowedSections(in: object)
      refusal.symbols = Array(Set(refusal.symbols)).sorted()
      refusal.sections = Array(Set(refusal.sections)).sorted()
      if !refusal.isEmpty { found[file] = refusal }
    }
    return found
  }

  /// Every object's undefined symbols, from one `nm`, which heads each object's with `<path>:`.
  private static func undefinedSymbols(in objects: [URL], nm: URL) throws(GradeError)
    -> [URL: Set<String>]
  {
    let arguments = ["-u", "--just-symbol-name"] + objects.map(\.path)
    let listing = try run(nm, arguments)
    let headers = Dictionary(objects.map { ($0.path + ":", $0) }, uniquingKeysWith: { a, _ in a })
    var current = objects.count == 1 ? objects[0] : nil
    var found: [URL: Set<String>] = [:]
    for line in listing.split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      if let object = headers[text] {
        current = object
        continue
      }
      let symbol = unprefixed(text.split(separator: "@").first ?? "")
      guard let current, !symbol.isEmpty else { continue }
      found[current, default: []].insert(String(symbol))
    }
    return found
  }

  /// `name` without the underscore Mach-O puts before every C and Swift name.
  private static func unprefixed(_ name: Substring) -> Substring {
    #if canImport(Darwin)
      return name.hasPrefix("_") ? name.dropFirst() : name
    #else
      return name
    #endif
  }

  /// A Swift symbol as the demangler reads it: the modules its tree names and its readable name,
  /// or `nil` for both when it does not demangle.
  struct Demangled: Equatable {
    var modules: Set<String>?
    var text: String?
  }

  /// Demangles `symbols` (Swift's, `$s…`) with the toolchain's `swift-demangle --expand`, which
  /// prints each one's tree (`kind=Module, text="Swift"` for each module) and then its name.
  static func demangle(_ symbols: Set<String>) throws(GradeError) -> [String: Demangled] {
    guard !symbols.isEmpty else { return [:] }
    guard let (tool, prefix) = demangler() else {
      throw .toolFailed(
        command: "swift-demangle",
        output: "grade --strict needs swift-demangle (or swift) on the PATH (the toolchain has it)")
    }
    var found: [String: Demangled] = [:]
    let sorted = symbols.sorted()
    var start = 0
    // Arguments in chunks, well under the system's limit on a command line.
    while start < sorted.count {
      var end = start
      var length = 0
      while end < sorted.count, length < 100_000 {
        length += sorted[end].utf8.count + 1
        end += 1
      }
      found.merge(parseDemangled(try run(tool, prefix + ["--expand"] + sorted[start..<end]))) {
        $1
      }
      start = end
    }
    return found
  }

  /// Reads `swift-demangle --expand`'s output: `Demangling for <symbol>`, the tree (`<<NULL>>` if
  /// there is none), then `<symbol> ---> <name>`.
  static func parseDemangled(_ output: String) -> [String: Demangled] {
    var found: [String: Demangled] = [:]
    var symbol: String?
    var modules: Set<String> = []
    var text: String?
    var failed = false
    func finish() {
      if let symbol {
        found[symbol] = failed ? Demangled() : Demangled(modules: modules, text: text)
      }
    }
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("Demangling for ") {
        finish()
        symbol = String(line.dropFirst("Demangling for ".count))
        (modules, text, failed) = ([], nil, false)
        continue
      }
      guard let symbol else { continue }
      var rest = Substring(line)
      if rest.hasPrefix("<<NULL>>") {
        failed = true
        rest = rest.dropFirst("<<NULL>>".count)
      }
      let node = rest.drop { $0 == " " }
      let moduleNode = "kind=Module, text=\""
      if node.hasPrefix(moduleNode), node.hasSuffix("\"") {
        modules.insert(String(node.dropFirst(moduleNode.count).dropLast()))
      } else if rest.hasPrefix(symbol + " ---> ") {
        text = String(rest.dropFirst(symbol.count + " ---> ".count))
      }
    }
    finish()
    return found
  }

  /// The sections `object` has that ordinary Swift does not; an object the check cannot read
  /// (neither ELF nor Mach-O, or cut short) is one finding.
  private static func disallowedSections(in object: URL) -> [String] {
    guard let data = try? Data(contentsOf: object, options: .alwaysMapped) else {
      return ["(the object cannot be read)"]
    }
    if let sections = elfSections(of: data) {
      return disallowedSections(sections, format: .elf)
    }
    if let sections = machOSections(of: data) {
      return disallowedSections(sections, format: .machO)
    }
    return ["(not an ELF or Mach-O object)"]
  }

  /// The contents of the sections whose entries the check reads.
  private static let readSections: Set<String> = [".swift1_autolink_entries", ".linker-options"]

  /// The sections of a 64-bit little-endian ELF object, or `nil` if `data` is not one.
  static func elfSections(of data: Data) -> [Section]? {
    let bytes = [UInt8](data.prefix(6))
    guard bytes == [0x7f, 0x45, 0x4c, 0x46, 2, 1] else { return nil }
    let file = Bytes(data: data)
    guard var count = file.integer(at: 0x3c, size: 2), var names = file.integer(at: 0x3e, size: 2),
      let table = file.integer(at: 0x28, size: 8), let entry = file.integer(at: 0x3a, size: 2),
      entry >= 64
    else { return nil }
    // More than 0xff00 sections: the count and the index of the names are in section 0.
    if count == 0 { count = file.integer(at: table + 32, size: 8) ?? 0 }
    if names == 0xffff { names = file.integer(at: table + 40, size: 4) ?? 0 }
    guard count > 0, count <= (data.count - min(table, data.count)) / entry, names < count,
      let namesOffset = file.integer(at: table + names * entry + 24, size: 8),
      let namesSize = file.integer(at: table + names * entry + 32, size: 8),
      let nameTable = file.slice(at: namesOffset, count: namesSize)
    else { return nil }
    var sections: [Section] = []
    for index in 0..<count {
      let header = table + index * entry
      guard let nameOffset = file.integer(at: header, size: 4), nameOffset <= nameTable.count,
        let type = file.integer(at: header + 4, size: 4),
        let offset = file.integer(at: header + 24, size: 8),
        let size = file.integer(at: header + 32, size: 8)
      else { return nil }
      let name = String(
        decoding: nameTable.dropFirst(nameOffset).prefix { $0 != 0 }, as: UTF8.self)
      var section = Section(name: name, type: UInt32(type))
      if readSections.contains(name) {
        guard let contents = file.slice(at: offset, count: size) else { return nil }
        section.contents = contents
      }
      sections.append(section)
    }
    return sections
  }

  /// The sections of a 64-bit little-endian Mach-O object (`segment,section`), or `nil` if `data`
  /// is not one.
  static func machOSections(of data: Data) -> [Section]? {
    let file = Bytes(data: data)
    guard file.integer(at: 0, size: 4) == 0xfeed_facf, let commands = file.integer(at: 16, size: 4)
    else { return nil }
    var sections: [Section] = []
    var cursor = 32
    for _ in 0..<commands {
      guard let command = file.integer(at: cursor, size: 4),
        let size = file.integer(at: cursor + 4, size: 4), size >= 8
      else { return nil }
      if command == 0x19 {  // LC_SEGMENT_64
        guard let count = file.integer(at: cursor + 64, size: 4), 72 + count * 80 <= size else {
          return nil
        }
        for index in 0..<count {
          let header = cursor + 72 + index * 80
          guard let section = file.text(at: header, count: 16),
            let segment = file.text(at: header + 16, count: 16),
            let flags = file.integer(at: header + 64, size: 4)
          else { return nil }
          sections.append(Section(name: "\(segment),\(section)", type: UInt32(flags & 0xff)))
        }
      }
      cursor += size
    }
    return sections
  }

  /// Little-endian integers and slices of a file's bytes, `nil` where they would leave it.
  private struct Bytes {
    var data: Data

    func slice(at offset: Int, count: Int) -> Data? {
      guard offset >= 0, count >= 0, count <= data.count, offset <= data.count - count else {
        return nil
      }
      let start = data.startIndex + offset
      return data[start..<start + count]
    }

    /// The text of `count` bytes at `offset`, up to the first zero.
    func text(at offset: Int, count: Int) -> String? {
      slice(at: offset, count: count).map {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
    }

    func integer(at offset: Int, size: Int) -> Int? {
      guard let bytes = slice(at: offset, count: size) else { return nil }
      let value = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      return value <= UInt64(Int.max / 2) ? Int(value) : nil
    }
  }

  // MARK: Tools

  /// Runs `tool` with `arguments`, giving what it printed; a failure is `GradeError.toolFailed`.
  private static func run(_ tool: URL, _ arguments: [String]) throws(GradeError) -> String {
    let command = ([tool.path] + arguments).joined(separator: " ")
    let limit = 64 * 1024 * 1024
    let outcome: ChildProcess.Outcome
    do {
      outcome = try ChildProcess(
        executable: tool, arguments: arguments, environment: ProcessInfo.processInfo.environment,
        outputLimit: limit
      ).run(timeLimit: 120)
    } catch {
      throw .toolFailed(command: command, output: "\(error)")
    }
    guard outcome.termination == .exited(0), outcome.output.utf8.count < limit else {
      throw .toolFailed(command: command, output: String(outcome.output.suffix(4000)))
    }
    return outcome.output
  }

  /// The toolchain's `llvm-nm`, else the system's `nm`.
  static func nm() -> URL? { executableOnPath(named: "llvm-nm") ?? executableOnPath(named: "nm") }

  /// The toolchain's `swift-demangle`, else `swift demangle`: the program and its first arguments.
  static func demangler() -> (URL, [String])? {
    if let tool = executableOnPath(named: "swift-demangle") { return (tool, []) }
    return executableOnPath(named: "swift").map { ($0, ["demangle"]) }
  }
}
