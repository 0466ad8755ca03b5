import Foundation
import SQLiteStore
import WorkflowEngine

// Feeds arbitrary text to the query path of `findInstances`/`findItems`: JSON parsing, the
// MongoDB-style query parser, the SQL translation and its execution on a real SQLite file.
// JSONSyntaxError, QueryError and SQLiteStoreError are expected results. A crash, a hang or
// another error type is a finding.

/// A database with a few instances and items, made once per fuzzing process.
let fuzzStore: SQLiteStore = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-query-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("fuzz.sqlite").path
    try? FileManager.default.removeItem(atPath: path)
    guard let store = try? SQLiteStore(path: path) else { fatalError("cannot create the fuzzing database at \(path)") }
    let engine = WorkflowEngine(store: store)
    let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true"><startEvent id="s"/><userTask id="t" name="Task"/><endEvent id="e"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="t"/><sequenceFlow id="f2" sourceRef="t" targetRef="e"/></process>
        </definitions>
        """
    _ = try? engine.importModel(name: "Fuzz", source: model)
    for index in 0..<5 {
        _ = try? engine.start("Fuzz", data: ["caseId": .number(Double(index)), "name": .string("case \(index)"), "tags": ["a", "b"]])
    }
    return store
}()

/// libFuzzer's entry point for one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryParser(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = start.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""
    guard let json = try? JSONValue.parse(text) else { return 0 }
    let query: Query
    do {
        query = try Query.parse(json)
    } catch is QueryError {
        return 0
    } catch {
        fatalError("Query.parse threw \(type(of: error)), not QueryError: \(error)")
    }

    for find in [{ _ = try fuzzStore.findInstances(query, options: FindOptions(limit: 10)) },
                 { _ = try fuzzStore.findItems(query, options: FindOptions(limit: 10)) }] {
        do {
            try fuzzStore.readTransaction(find)
        } catch is SQLiteStoreError {
            continue
        } catch {
            fatalError("a find threw \(type(of: error)), not SQLiteStoreError: \(error)")
        }
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
_ = fuzzStore
exit(runFuzzerDriver(&argumentCount, &argumentValues, { fuzzQueryParser($0, $1) }))
