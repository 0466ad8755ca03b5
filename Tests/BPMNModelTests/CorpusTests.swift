import BPMNModel
import Foundation
import XCTest

/// Every real model in the shared corpus either loads or fails with a `BPMNParseError`.
final class CorpusTests: XCTestCase {
    /// Files bigger than this are skipped in the vendor sweep to keep the test fast.
    private let vendorSizeLimit = 5_000_000

    func testBpmnWebModelsAllLoad() throws {
        let folder = try Corpus.folder("bpmn-web")

        for subfolder in ["processes", "test-processes"] {
            let url = folder.appendingPathComponent(subfolder)
            let urls = Corpus.files(under: url, extensions: [".bpmn", ".xml", ".txt", ".bpmn3"])
                .filter { isNonEmptyBPMN($0) }
            var summary = CorpusSummary()
            summary.parse(urls, relativeTo: url)
            print(summary.report("bpmn-web/\(subfolder)"))

            XCTAssertGreaterThan(summary.files, 0, "no BPMN files found in \(url.path)")
            XCTAssertEqual(summary.loaded, summary.files, summary.report("bpmn-web/\(subfolder)"))
        }
    }

    func testBpmnWebEmptyFileFailsAsMalformed() throws {
        let data = try Corpus.data("bpmn-web/test-processes/undefined.bpmn")

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            guard case .malformedXML(let line, let column, _)? = error as? BPMNParseError else {
                return XCTFail("expected malformedXML, got \(error)")
            }
            XCTAssertEqual(line, 1)
            XCTAssertEqual(column, 1)
        }
    }

    func testMiwgReferenceModelsAllLoad() throws {
        let folder = try Corpus.folder("miwg/Reference")
        let urls = Corpus.files(under: folder, extensions: [".bpmn"])
        var summary = CorpusSummary()
        summary.parse(urls, relativeTo: folder)
        print(summary.report("miwg/Reference"))

        XCTAssertEqual(summary.files, 21)
        XCTAssertEqual(summary.loaded, 21, summary.report("miwg/Reference"))
        XCTAssertTrue(summary.otherErrors.isEmpty, summary.report("miwg/Reference"))
    }

    func testMiwgVendorExportsNeverCrash() throws {
        let folder = try Corpus.folder("miwg")
        var total = CorpusSummary()

        let vendors = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0 != "Reference" }
            .sorted()
        for vendor in vendors {
            let url = folder.appendingPathComponent(vendor)
            let urls = Corpus.files(under: url, extensions: [".bpmn", ".xml"])
                .filter { fileSize($0) <= vendorSizeLimit }
            guard !urls.isEmpty else { continue }

            var summary = CorpusSummary()
            summary.parse(urls, relativeTo: url)
            print(summary.report("miwg/\(vendor)"))

            total.files += summary.files
            total.loaded += summary.loaded
            total.failures += summary.failures
            total.otherErrors += summary.otherErrors
        }

        print(
            "miwg vendors: \(total.files) files, \(total.loaded) loaded, "
                + "\(total.failures.count) failed")
        XCTAssertGreaterThan(total.files, 800)
        XCTAssertTrue(total.otherErrors.isEmpty, "errors that are not BPMNParseError")
    }

    func testMiwgDuplicateIdFileIsRejected() throws {
        let data = try Corpus.data("miwg/ModelFoundry 1.1.1/A.4.1-roundtrip.bpmn")

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            guard case .invalidElement("laneSet_", "laneSet", let reason)? = error as? BPMNParseError
            else { return XCTFail("expected a duplicate-id error, got \(error)") }
            XCTAssertTrue(reason.contains("already used"), reason)
        }
    }

    func testMiwgNamespaceURIWarningsStillLoad() throws {
        // ADONIS declares the namespace "@boc-eu.com/boc-is/ado.xmllight;1" and IBM Process
        // Designer one with a space in it: libxml2 warns about both and keeps parsing.
        let adonis = try Corpus.parse("miwg/ADONIS 17.0/C.3.0-roundtrip.bpmn")
        let ibm = try Corpus.parse("miwg/IBM Process Designer 8.0.1/A.3.0-export.bpmn")

        XCTAssertFalse(adonis.processes.isEmpty)
        XCTAssertFalse(ibm.processes.isEmpty)
    }

    func testMiwgCrossScopeFlowIsRejected() throws {
        let data = try Corpus.data("miwg/Enterprise Explorer 1.0.0/A.4.0-export.bpmn")

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            guard case .invalidElement(_, "sequenceFlow", let reason)? = error as? BPMNParseError
            else { return XCTFail("expected a sequence-flow error, got \(error)") }
            XCTAssertTrue(reason.contains("is not a flow node of this scope"), reason)
        }
    }

    func testConcurrentParsesGiveEqualModels() throws {
        let data = try Corpus.data("miwg/Reference/B.2.0.bpmn")
        let expected = canonicalDescription(try BPMNParser.parse(data: data))
        let results = ParseResults(count: 8)

        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let description = (try? BPMNParser.parse(data: data)).map(canonicalDescription)
            results.store(description, at: index)
        }

        for (index, description) in results.values.enumerated() {
            XCTAssertEqual(description, expected, "parse \(index) on another thread differs")
        }
    }

    // MARK: - Helpers

    private func isNonEmptyBPMN(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url), !data.isEmpty else { return false }
        return Corpus.looksLikeBPMN(data)
    }

    private func fileSize(_ url: URL) -> Int {
        (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
    }
}

/// Descriptions written by concurrent parses, guarded by a lock.
private final class ParseResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String?]

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func store(_ description: String?, at index: Int) {
        lock.lock()
        storage[index] = description
        lock.unlock()
    }

    var values: [String?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
