import BPMNModel
import Foundation
import XCTest

/// XML attacks and oversized files: rejected with a position and a reason, quickly, without
/// reading other files.
final class BadInputXMLTests: XCTestCase {
    private let minimalBody = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true"><startEvent id="s"/></process>
        </definitions>
        """

    private func parse(_ text: String) throws -> Definitions {
        try BPMNParser.parse(data: Data(text.utf8))
    }

    private func assertRejectedAsDocumentType(_ text: String, line expectedLine: Int, file: StaticString = #filePath, line: UInt = #line) {
        let began = Date()
        XCTAssertThrowsError(try parse(text), file: file, line: line) { error in
            guard case .malformedXML(let reportedLine, _, let reason)? = error as? BPMNParseError else {
                return XCTFail("expected malformedXML, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(reportedLine, expectedLine, file: file, line: line)
            XCTAssertTrue(reason.contains("DOCTYPE"), reason, file: file, line: line)
        }
        XCTAssertLessThan(Date().timeIntervalSince(began), 1, file: file, line: line)
    }

    func testExternalEntityIsRejected() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-\(UUID().uuidString).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE definitions [ <!ENTITY leak SYSTEM "file://\(secret.path)"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" name="&leak;"><startEvent id="s"/></process>
            </definitions>
            """

        assertRejectedAsDocumentType(text, line: 2)
    }

    func testBillionLaughsIsRejectedQuickly() {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            let previous = String(repeating: "&lol\(level - 1);", count: 10)
            entities += "\n<!ENTITY lol\(level) \"\(previous)\">"
        }
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [\n\(entities)\n]>\n"
            + minimalBody.replacingOccurrences(of: "id=\"p\"", with: "id=\"p\" name=\"&lol9;\"")

        assertRejectedAsDocumentType(text, line: 2)
    }

    func testDocumentTypeAfterCommentIsRejected() {
        let text = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- exported -->\n\n<!DOCTYPE definitions SYSTEM \"http://example.invalid/bpmn.dtd\">\n" + minimalBody

        assertRejectedAsDocumentType(text, line: 4)
    }

    func testDocumentTypeInUTF16IsRejected() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE definitions>\n" + minimalBody
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            XCTAssertTrue("\(error)".contains("DOCTYPE"), "\(error)")
        }
    }

    func testEntityWithoutDeclarationIsMalformed() {
        let text = minimalBody.replacingOccurrences(of: "id=\"p\"", with: "id=\"p\" name=\"&undeclared;\"")

        XCTAssertThrowsError(try parse(text)) { error in
            guard case .malformedXML? = error as? BPMNParseError else { return XCTFail("expected malformedXML, got \(error)") }
        }
    }

    func testFiftyMegabyteModelIsRejectedBySize() {
        let padding = "<documentation>" + String(repeating: "a", count: 50 * 1024 * 1024) + "</documentation>"
        let text = minimalBody.replacingOccurrences(of: "<startEvent id=\"s\"/>", with: padding + "<startEvent id=\"s\"/>")

        let began = Date()
        XCTAssertThrowsError(try parse(text)) { error in
            guard case .malformedXML(1, 1, let reason)? = error as? BPMNParseError else {
                return XCTFail("expected malformedXML at 1:1, got \(error)")
            }
            XCTAssertTrue(reason.contains("\(InputLimits.maximumModelBytes) bytes"), reason)
        }
        XCTAssertLessThan(Date().timeIntervalSince(began), 5)
    }

    func testModelJustUnderLimitLoads() throws {
        let padding = "<documentation>" + String(repeating: "b", count: 1024 * 1024) + "</documentation>"
        let text = minimalBody.replacingOccurrences(of: "<startEvent id=\"s\"/>", with: padding + "<startEvent id=\"s\"/>")

        XCTAssertEqual(try parse(text).processes.first?.documentation?.count, 1024 * 1024)
    }

    func testDeepNestingIsRejected() {
        var body = ""
        for level in 0..<500 { body += "<subProcess id=\"sp\(level)\">" }
        body += String(repeating: "</subProcess>", count: 500)
        let text = minimalBody.replacingOccurrences(of: "<startEvent id=\"s\"/>", with: body)

        XCTAssertThrowsError(try parse(text)) { error in
            guard case .invalidElement(_, _, let reason)? = error as? BPMNParseError else {
                return XCTFail("expected invalidElement, got \(error)")
            }
            XCTAssertTrue(reason.contains("nested"), reason)
        }
    }

    func testBinaryGarbageIsMalformed() {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })

        XCTAssertThrowsError(try BPMNParser.parse(data: garbage)) { error in
            XCTAssertNotNil(error as? BPMNParseError, "\(error)")
        }
    }
}

/// Inputs that crashed the parser under `make fuzz`, kept as regression tests. The files are
/// in Fuzz/Regressions/bpmn.
final class FuzzRegressionTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Regressions/bpmn")

    func testUTF7DeclarationIsRejectedWithoutCrash() {
        // libxml2 2.9.14 reads out of bounds on this 35-byte input.
        let data = Data("<?xml version=\"1.\" encoding=\"utf7\"\0".utf8)

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            guard case .malformedXML(_, _, let reason)? = error as? BPMNParseError else {
                return XCTFail("expected malformedXML, got \(error)")
            }
            XCTAssertTrue(reason.contains("'utf7'"), reason)
        }
    }

    func testEveryRecordedFindingFailsCleanly() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()

        XCTAssertFalse(files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            XCTAssertThrowsError(try BPMNParser.parse(data: data), file) { error in
                XCTAssertNotNil(error as? BPMNParseError, "\(file): \(error)")
            }
        }
    }

    func testWindows1252DeclarationIsRejectedWithoutCrash() {
        // libxml2 2.9.14 reads a null pointer on this input when it converts it with iconv.
        var data = Data("<?xml version=\"1.\" encoding=\"windows-1252\"".utf8)
        data.append(0x90)

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            XCTAssertNotNil(error as? BPMNParseError, "\(error)")
        }
    }

    func testLatinEncodingsAreConvertedBeforeParsing() throws {
        for (encoding, bytes) in [("windows-1252", [UInt8]([0x43, 0x61, 0x66, 0xE9, 0x20, 0x80])), ("ISO-8859-1", [0x43, 0x61, 0x66, 0xE9])] {
            var data = Data(("<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\n"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
                + "<process id=\"p\" name=\"").utf8)
            data.append(contentsOf: bytes)
            data.append(contentsOf: Data("\"><startEvent id=\"s\"/></process></definitions>".utf8))

            let name = try BPMNParser.parse(data: data).processes.first?.name

            XCTAssertEqual(name, encoding == "windows-1252" ? "Café €" : "Café", encoding)
        }
    }

    func testUTF16ModelIsConvertedBeforeParsing() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
            + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
            + "<process id=\"p\" name=\"Zoë 日本\"><startEvent id=\"s\"/></process></definitions>"
        var data = Data([0xFE, 0xFF])
        data.append(text.data(using: .utf16BigEndian)!)

        XCTAssertEqual(try BPMNParser.parse(data: data).processes.first?.name, "Zoë 日本")
    }

    func testWindowsEncodingIsStillAccepted() throws {
        let text = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n"
            + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
            + "<process id=\"p\"><startEvent id=\"s\" name=\"Anfang\"/></process></definitions>"

        XCTAssertEqual(try BPMNParser.parse(data: Data(text.utf8)).processes.count, 1)
    }
}
