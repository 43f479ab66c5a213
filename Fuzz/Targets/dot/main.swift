// libFuzzer driver for DOTHarness (Fuzz/Harness): make fuzz-one FUZZ_TARGET=dot FUZZ_SECONDS=600
import CLibFuzzer
import FuzzHarness
import Glibc

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let problem = DOTHarness.run(bytes) { fatalError(problem) }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
