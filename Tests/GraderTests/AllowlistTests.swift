import Foundation
import Testing

@testable import GraderKit

@Suite("--strict allows learner objects the standard library, Workbook, libm and String(format:)")
struct AllowlistTests {
  /// Whether learner code (module `Exercises`) may use the C (or runtime) symbol `symbol`.
  private func allowsC(_ symbol: String) -> Bool {
    ObjectAllowlist.allows(symbol, modules: nil, module: "Exercises")
  }

  @Test("what the compiler emits for ordinary Swift, libm and the runtime's data are allowed")
  func compilerOutput() {
    let emitted = [
      "swift_retain", "swift_release_n", "swift_allocObject", "swift_beginAccess", "swift_once",
      "swift_getTypeByMangledNameInContext2", "swift_getWitnessTable", "swift_dynamicCast",
      "swift_weakLoadStrong", "swift_willThrowTypedImpl", "swift_task_switch",
      "swift_storeEnumTagMultiPayload", "swift_getKeyPath", "swift_stdlib_isStackAllocationSafe",
      "memcpy", "memset", "malloc", "free",
      "malloc_usable_size", "__stack_chk_fail", "__divti3", "__extendhfsf2", "__truncsfhf2",
      "_swiftEmptyArrayStorage", "_swiftEmptyDictionarySingleton",
      "_swift_FORCE_LOAD_$_swiftFoundation", "pow", "exp", "log", "sqrt", "tanh", "atan2",
      "log1p", "powf", "expf", "logl",
    ]
    for symbol in emitted { #expect(allowsC(symbol), "\(symbol)") }
  }

  @Test("C functions outside the allowlist are refused, the attacks of the issue among them")
  func cFunctions() {
    let refused = [
      "exit", "_exit", "atexit", "kill", "sigqueue", "raise", "getenv", "secure_getenv", "dlsym",
      "dlopen", "pwritev", "pwritev2", "readlink", "readlinkat", "open", "openat", "fopen",
      "write", "syscall", "posix_spawn", "fork", "mmap", "mprotect", "ptrace", "process_vm_writev",
      "__errno_location", "__open_2", "__fprintf_chk",
      // Foundation's ICU exports file functions under `swift_`.
      "swift_u_fopen", "swift_u_file_write",
      // The runtime's lookups by name that compiled code never makes, and an executor's hook.
      "swift_getTypeByMangledName", "swift_getTypeByMangledNameInEnvironment",
      "swift_task_enqueueGlobal_hook", "swift_stdlib_readLine_stdin",
      // Swift symbols of an older mangling are not what this compiler emits.
      "_T0s5printyypd_SS9separatorSS10terminatortF",
    ]
    for symbol in refused { #expect(!allowsC(symbol), "\(symbol)") }
  }

  @Test("a Swift symbol is allowed when every module it names is Swift, Workbook or its own")
  func swiftModules() {
    let symbol = "$sSa9repeating5countSayxGx_SitcfC"
    func allows(_ modules: Set<String>?, in module: String = "Exercises") -> Bool {
      ObjectAllowlist.allows(symbol, modules: modules, module: module)
    }
    #expect(allows(["Swift"]))
    #expect(allows(["Swift", "Workbook", "Exercises"]))
    #expect(allows(["Swift", "_StringProcessing"]))
    #expect(allows([]), "builtin and tuple types name no module")
    #expect(allows(["Solutions", "Swift"], in: "Solutions"), "the reference's own module")
    #expect(!allows(["Solutions", "Swift"]), "the reference, from the learner's module")
    #expect(!allows(["Swift", "Foundation"]))
    #expect(!allows(["FoundationEssentials"]))
    #expect(!allows(["GraderKit"]), "the test bundle links the grader's own code")
    #expect(!allows(nil), "a symbol that does not demangle")
  }

  @Test("the standard library's command line and lookups of a type by name are refused")
  func refusedStandardLibrary() {
    for symbol in [
      "$ss11CommandLineO9argumentsSaySSGvgZ", "$ss11CommandLineO10unsafeArgvSpySpys4Int8VGSgGvgZ",
      "$ss11_typeByNameyypXpSgSSF",
    ] {
      #expect(!ObjectAllowlist.allows(symbol, modules: ["Swift"], module: "Exercises"), "\(symbol)")
    }
  }

  /// Swift 6.3.1's symbols for the calls of the issue and for what learner code may call,
  /// demangled by the toolchain's own demangler.
  @Test("real symbols, demangled: the issue's attacks are refused, formatting and maths allowed")
  func demangledSymbols() throws {
    try #require(ObjectAllowlist.demangler() != nil)
    let refused = [
      // FileManager.default.contents(atPath:) (the method goes through the class's table)
      "$s20FoundationEssentials11FileManagerC7defaultACvgZ",
      // Data(contentsOf:)
      "$s20FoundationEssentials4DataV10contentsOf7optionsAcA3URLVh_AC14ReadingOptionsVtKcfC",
      // String(contentsOfFile:) and String(contentsOfFile:encoding:)
      "$sSS10FoundationE14contentsOfFileS2Sh_tKcfC",
      "$sSS20FoundationEssentialsE14contentsOfFile8encodingS2Sh_SSAAE8EncodingVtKcfC",
      // "…".write(toFile:atomically:encoding:)
      "$sSy20FoundationEssentialsE5write6toFile10atomically8encodingyqd___SbSSAAE8EncodingVtKSyRd__lF",
      // ProcessInfo.processInfo.environment
      "$s20FoundationEssentials11ProcessInfoC11environmentSDyS2SGvg",
      // Process()
      "$s10Foundation7ProcessCACycfC",
      // CommandLine.arguments, _typeByName(_:)
      "$ss11CommandLineO9argumentsSaySSGvgZ", "$ss11_typeByNameyypXpSgSSF",
      // @_silgen_name bound to the reference, and an extension the reference declares on Matrix
      "$s9Solutions14biasCorrection4beta1tS2d_SitF", "$s8Workbook6MatrixV9SolutionsE5traceSdyF",
      // Double.formatted(), Date()
      "$sSB30FoundationInternationalizationE9formattedSSyF",
      "$s20FoundationEssentials4DateVACycfC",
      // not a symbol
      "$sSS1poiyS2S_SStFZ_junk",
    ]
    let allowed = [
      // String(format:), String(format:arguments:), a string for %@, contains(_:) with Foundation
      "$sSS10FoundationE6format_S2Sh_s7CVarArg_pdtcfC",
      "$sSS10FoundationE6format9argumentsS2Sh_Says7CVarArg_pGhtcfC",
      "$sSSs7CVarArg10FoundationMc", "$sSy10FoundationE8containsySbqd__SyRd__lF",
      // the standard library, its prespecialisations and string algorithms
      "$ss5print_9separator10terminatoryypd_S2StF",
      "$sSa9repeating5countSayxGx_SitcfCs4Int8V_Tg5", "$sSy17_StringProcessingE8containsySbSSF",
      "$sSds7CVarArgsWP", "$sBoWV", "$sytWV",
      // Workbook, and the learner's own module from another of its files
      "$s8Workbook10rosenbrockySdSaySdGF", "$s9Exercises19RosenbrockOptimizerOMn",
    ]
    let demangled = try ObjectAllowlist.demangle(Set(refused + allowed))
    for symbol in refused {
      let modules = demangled[symbol]?.modules
      #expect(!ObjectAllowlist.allows(symbol, modules: modules, module: "Exercises"), "\(symbol)")
    }
    for symbol in allowed {
      let modules = demangled[symbol]?.modules
      #expect(ObjectAllowlist.allows(symbol, modules: modules, module: "Exercises"), "\(symbol)")
    }
    #expect(
      demangled["$s9Solutions14biasCorrection4beta1tS2d_SitF"]?.text
        == "Solutions.biasCorrection(beta: Swift.Double, t: Swift.Int) -> Swift.Double")
    #expect(demangled["$sSS1poiyS2S_SStFZ_junk"] == ObjectAllowlist.Demangled())
  }

  @Test("the demangler's expanded output: modules from the tree, the name after the arrow")
  func parsesDemangledOutput() {
    let output = """
      Demangling for $sSS10FoundationE6format_S2Sh_s7CVarArg_pdtcfC
      kind=Global
        kind=Allocator
          kind=Extension
            kind=Module, text="Foundation"
            kind=Structure
              kind=Module, text="Swift"
              kind=Identifier, text="String"
      $sSS10FoundationE6format_S2Sh_s7CVarArg_pdtcfC ---> (extension in Foundation):Swift.String.init(format: __shared Swift.String, _: Swift.CVarArg...) -> Swift.String
      Demangling for $sBoWV
      kind=Global
        kind=ValueWitnessTable
          kind=Type
            kind=BuiltinTypeName, text="Builtin.NativeObject"
      $sBoWV ---> value witness table for Builtin.NativeObject
      Demangling for $sGARBAGE
      <<NULL>>$sGARBAGE ---> $sGARBAGE

      """
    let parsed = ObjectAllowlist.parseDemangled(output)
    #expect(parsed.count == 3)
    let format = parsed["$sSS10FoundationE6format_S2Sh_s7CVarArg_pdtcfC"]
    #expect(format?.modules == ["Foundation", "Swift"])
    #expect(
      format?.text?.hasPrefix("(extension in Foundation):Swift.String.init(format:") == true)
    #expect(
      parsed["$sBoWV"]
        == .init(modules: [], text: "value witness table for Builtin.NativeObject"))
    #expect(parsed["$sGARBAGE"] == ObjectAllowlist.Demangled())
  }

  /// An ELF section called `name`, of type `type` (1: program data), holding `contents`.
  private func section(_ name: String, type: UInt32 = 1, _ contents: String? = nil)
    -> ObjectAllowlist.Section
  {
    .init(name: name, type: type, contents: contents.map { Data($0.utf8) })
  }

  @Test("the sections of ordinary Swift objects are allowed, their relocations and debug included")
  func ordinarySections() {
    let names = [
      "", ".text", ".text.$s9Exercises4AdamC4step6params5gradsySDySSSaySdGGz_AHtF", ".data",
      ".data.rel.ro", ".data.rel.ro.$s9Solutions3SGDCAA9OptimizerAAWP", ".bss",
      ".bss.$s9Solutions13ComparisonRunV3allSayACGvpZ", ".rodata", ".rodata.cst8",
      ".rodata.cst4.$s9Exercises8constant4step3lr0SdSi_SdtF", ".rodata.str1.1",
      ".rodata.__swift_reflection_version", ".eh_frame", ".note.GNU-stack", ".linker-options",
      ".swift_modhash", ".symtab", ".strtab", ".debug_info", ".debug_str", ".debug_frame",
      "swift5_typeref", "swift5_protocol_conformances", "swift5_reflstr", "swift5_mpenum",
    ]
    let relocations = [".rela.eh_frame", ".rela.text", ".rela.debug_info", ".relaswift5_typeref"]
    let sections =
      names.map { section($0) } + relocations.map { section($0, type: 4) } + [
        section(".swift1_autolink_entries", "-lswiftCore\0-lFoundation\0-lm\0"),
        section(".bss", type: 8),
      ]
    #expect(ObjectAllowlist.disallowedSections(sections, format: .elf) == [])
  }

  @Test("constructor and destructor sections are refused, by name and by type")
  func constructorSections() {
    let sections = [
      ".init_array", ".init_array.00100", ".fini_array", ".preinit_array", ".ctors", ".dtors",
      ".ctors.65435", ".init", ".fini", ".deplibs", "swift5_tests", "swift5_replace",
      ".rela.text",  // program data, not relocations, under a relocation section's name
    ].map { section($0) }
    #expect(
      ObjectAllowlist.disallowedSections(sections, format: .elf)
        == sections.map(\.name))
    // A relocation section is reported by the section it relocates.
    #expect(
      ObjectAllowlist.disallowedSections([section(".rela.init_array", type: 4)], format: .elf)
        == [".init_array"])
    // SHT_INIT_ARRAY under an ordinary name.
    #expect(
      ObjectAllowlist.disallowedSections([section(".data", type: 14)], format: .elf) == [".data"])
  }

  @Test("an autolink entry other than a toolchain library, or any linker option, is refused")
  func linkerSections() {
    let sections = [
      section(".swift1_autolink_entries", "-lswiftCore\0-Wl,--wrap=exit\0-lqqz\0"),
      section(".linker-options", "-lfoo\0"),
    ]
    #expect(
      ObjectAllowlist.disallowedSections(sections, format: .elf) == [
        ".swift1_autolink_entries (-Wl,--wrap=exit -lqqz)", ".linker-options (-lfoo)",
      ])
  }

  @Test("Mach-O: the sections of constructor and destructor types are refused")
  func machOSections() throws {
    // A 64-bit object with one segment of two sections: `__TEXT,__text` and a constructor list.
    var data = Data()
    func append(_ value: some FixedWidthInteger) {
      withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
    func append(name: String) {
      data.append(contentsOf: Array(name.utf8) + Array(repeating: 0, count: 16 - name.utf8.count))
    }
    for value: UInt32 in [0xfeed_facf, 0x0100_0007, 3, 1, 1, 72 + 2 * 80, 0, 0] { append(value) }
    append(UInt32(0x19))
    append(UInt32(72 + 2 * 80))
    append(name: "")
    for _ in 0..<4 { append(UInt64(0)) }
    for value: UInt32 in [7, 7, 2, 0] { append(value) }
    for (segment, name, type) in [("__TEXT", "__text", 0), ("__DATA", "__mod_init_func", 9)] {
      append(name: name)
      append(name: segment)
      for _ in 0..<2 { append(UInt64(0)) }
      for value: UInt32 in [0, 0, 0, 0, UInt32(type), 0, 0, 0] { append(value) }
    }
    let sections = try #require(ObjectAllowlist.machOSections(of: data))
    #expect(sections.map(\.name) == ["__TEXT,__text", "__DATA,__mod_init_func"])
    #expect(ObjectAllowlist.elfSections(of: data) == nil)
    #expect(
      ObjectAllowlist.disallowedSections(sections, format: .machO) == ["__DATA,__mod_init_func"])
    #expect(ObjectAllowlist.machOSections(of: data.prefix(100)) == nil, "cut short")
  }

  @Test("a learner file with a constructor, a destructor, the reference's code and a linker flag")
  func outsideEveryTest() throws {
    let swiftc = try #require(executableOnPath(named: "swiftc"))
    let nm = try #require(ObjectAllowlist.nm())
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = packageRoot.appendingPathComponent(
      "Tests/GraderTests/Fixtures/Allowlist/OutsideEveryTest.swift")
    let object = folder.appendingPathComponent("OutsideEveryTest.swift.o")
    let compiled = try ChildProcess(
      executable: swiftc,
      arguments: [
        "-parse-as-library", "-module-name", "Exercises", "-Onone", "-swift-version", "6", "-c",
        source.path, "-o", object.path, "-module-cache-path", fixtureModuleCache,
      ],
      environment: compilerEnvironment
    ).run(timeLimit: 300)
    try #require(compiled.termination == .exited(0), "\(compiled.output)")

    let found = try ObjectAllowlist.violations(in: [object], nm: nm)
    let refusal = try #require(found["OutsideEveryTest.swift"])
    #expect(refusal.symbols == ["$s9Solutions14biasCorrection4beta1tS2d_SitF", "kill"])
    #expect(
      refusal.sections == [
        ".fini_array", ".init_array", ".swift1_autolink_entries (-Wl,--wrap=exit)",
      ])
    let reasons = try StrictCheck.objectFindings(in: [object], nm: nm).map(\.reason)
    #expect(reasons.count == 2)
    #expect(
      reasons.contains {
        $0.hasPrefix("OutsideEveryTest.swift calls Solutions.biasCorrection(beta: Swift.Double")
      })
    #expect(
      reasons.contains {
        $0.hasPrefix(
          "OutsideEveryTest.swift has sections ordinary Swift code does not: .fini_array")
      })
  }
}
