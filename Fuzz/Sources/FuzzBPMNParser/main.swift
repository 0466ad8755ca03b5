import BPMNModel
import Foundation

// Feeds arbitrary bytes to the BPMN parser. A BPMNParseError is an expected result. A crash,
// a hang (libFuzzer's -timeout) or another error type is a finding.

/// libFuzzer's entry point for one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBPMNParser(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    do {
        _ = try BPMNParser.parse(data: data)
    } catch is BPMNParseError {
        return 0
    } catch {
        fatalError("BPMNParser.parse threw \(type(of: error)), not BPMNParseError: \(error)")
    }
    return 0
}

typealias FuzzInputHandler = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ handler: FuzzInputHandler
) -> CInt

// SwiftPM links an executable target's top-level code as its `main`, so libFuzzer's own main
// never runs; start its driver from here.
var argumentCount = CommandLine.argc
var argumentValues = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argumentCount, &argumentValues, { fuzzBPMNParser($0, $1) }))
