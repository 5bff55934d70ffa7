// A learner file that runs code outside every test, borrows the reference's code and asks the
// linker for more. `AllowlistTests` compiles it alone, as the learner's module (`swiftc -c`), and
// checks that `--strict` refuses its object. It is never linked: its constructor would run in
// every process of the test bundle.

/// A constructor: runs before any test, in every process that links it.
@section(".init_array") @used let startup: @convention(c) () -> Void = {}

/// A destructor: runs at exit, after every test, when it could rewrite the event stream.
@section(".fini_array") @used let shutdown: @convention(c) () -> Void = {}

/// The reference's `biasCorrection(beta:t:)`, bound by its mangled name: the test bundle links
/// `Solutions`, so the name resolves.
@_silgen_name("$s9Solutions14biasCorrection4beta1tS2d_SitF")
func referenceBiasCorrection(beta: Double, t: Int) -> Double

/// The learner's answer, computed by the reference.
func biasCorrection(beta: Double, t: Int) -> Double { referenceBiasCorrection(beta: beta, t: t) }

/// libc's `kill`, bound by name without importing Glibc.
@_silgen_name("kill")
func sendSignal(_ process: Int32, _ signal: Int32) -> Int32

/// Stops the grader's process group.
func stopGrader() -> Int32 { sendSignal(0, 9) }

/// Sixteen bytes, as a section holds them.
typealias SixteenBytes = (
  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
  UInt8, UInt8
)

/// An autolink entry, which the compiler driver passes to the linker as it stands:
/// `-Wl,--wrap=exit` and a zero.
@section(".swift1_autolink_entries") @used let linkerFlags: SixteenBytes = (
  45, 87, 108, 44, 45, 45, 119, 114, 97, 112, 61, 101, 120, 105, 116, 0
)
