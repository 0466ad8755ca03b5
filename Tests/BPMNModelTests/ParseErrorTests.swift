import BPMNModel
import Foundation
import XCTest

/// Input that cannot be loaded gets a `BPMNParseError` that names the place and the problem.
final class ParseErrorTests: XCTestCase {
    func testParserRejectsMalformedXMLWithLineAndColumn() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="\(Fixture.modelNamespace)" id="d">
              <bpmn:process id="p">
              </bpmn:proces>
            </bpmn:definitions>
            """

        let error = Fixture.parseError(xml)

        guard case .malformedXML(let line, let column, let reason)? = error else {
            return XCTFail("expected malformedXML, got \(String(describing: error))")
        }
        XCTAssertEqual(line, 4)
        XCTAssertEqual(column, 17)
        XCTAssertEqual(reason, "the closing tag does not match the open element")
        XCTAssertEqual(
            error?.description,
            "invalid XML at line 4, column 17: the closing tag does not match the open element")
    }

    func testUnclosedDocumentIsMalformed() {
        let error = Fixture.parseError(
            "<bpmn:definitions xmlns:bpmn=\"\(Fixture.modelNamespace)\" id=\"d\">\n<bpmn:process>")

        guard case .malformedXML(let line, _, _)? = error else {
            return XCTFail("expected malformedXML, got \(String(describing: error))")
        }
        XCTAssertEqual(line, 2)
    }

    func testEmptyInputIsMalformed() {
        let error = Fixture.parseError("")

        XCTAssertEqual(
            error,
            .malformedXML(
                line: 1, column: 1,
                reason: "the document is empty or has no root element; expected BPMN 2.0 XML"))
    }

    func testWhitespaceOnlyInputIsMalformed() {
        let error = Fixture.parseError("  \n\n ")

        guard case .malformedXML? = error else {
            return XCTFail("expected malformedXML, got \(String(describing: error))")
        }
    }

    func testTextThatIsNotXMLIsMalformed() {
        let error = Fixture.parseError("{\"id\": \"not xml\"}")

        guard case .malformedXML(let line, _, _)? = error else {
            return XCTFail("expected malformedXML, got \(String(describing: error))")
        }
        XCTAssertEqual(line, 1)
    }

    func testLatin1BytesInUTF8FileAreMalformed() throws {
        let xml = Fixture.process("<bpmn:task id=\"t\" name=\"kl@ren\" />")
        // "ä" in ISO-8859-1 is the byte E4, which is not valid UTF-8 on its own.
        let data = Data(xml.utf8.map { $0 == UInt8(ascii: "@") ? 0xE4 : $0 })

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            guard case .malformedXML(let line, _, let reason)? = error as? BPMNParseError else {
                return XCTFail("expected malformedXML, got \(error)")
            }
            XCTAssertEqual(line, 4)
            XCTAssertTrue(reason.contains("encoding"), reason)
        }
    }

    func testMiwgGenMyModelLatin1FileIsMalformed() throws {
        let data = try Corpus.data("miwg/GenMyModel 0.47/C.1.0-export.bpmn")

        XCTAssertThrowsError(try BPMNParser.parse(data: data)) { error in
            XCTAssertEqual(
                error as? BPMNParseError,
                .malformedXML(
                    line: 97, column: 67,
                    reason: "invalid character: the bytes do not match the declared encoding, "
                        + "or XML does not allow this character"))
        }
    }

    func testDeclaredLatin1IsDecoded() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8)
        data.append(
            contentsOf: Array(
                "<definitions xmlns=\"\(Fixture.modelNamespace)\" id=\"d\"><process id=\"p\">".utf8)
        )
        data.append(contentsOf: Array("<task id=\"t\" name=\"kl".utf8))
        data.append(0xE4)
        data.append(contentsOf: Array("ren\"/></process></definitions>".utf8))

        let definitions = try BPMNParser.parse(data: data)

        XCTAssertEqual(definitions.node(id: "t")?.name, "klären")
    }

    func testByteOrderMarkIsAccepted() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(contentsOf: Array(Fixture.process("<bpmn:task id=\"t\" />").utf8))

        let definitions = try BPMNParser.parse(data: data)

        XCTAssertEqual(definitions.node(id: "t")?.kind, .task)
    }

    func testDeepNestingIsRejected() {
        let depth = 5_000
        let opening = (0..<depth).map { "<bpmn:subProcess id=\"Sub_\($0)\">" }.joined()
        let closing = String(repeating: "</bpmn:subProcess>", count: depth)

        let error = Fixture.parseError(Fixture.process(opening + closing))

        XCTAssertEqual(
            error,
            .invalidElement(
                elementId: nil, element: "bpmn:subProcess",
                reason: "elements are nested more than 200 levels deep at line 4; real BPMN "
                    + "models nest far fewer, so check the tool that wrote the file"))
    }

    func testDeepestAcceptedNestingLoads() throws {
        let depth = 197
        let opening = (0..<depth).map { "<bpmn:subProcess id=\"Sub_\($0)\">" }.joined()
        let closing = String(repeating: "</bpmn:subProcess>", count: depth)

        let definitions = try Fixture.parse(Fixture.process(opening + closing))

        XCTAssertNotNil(definitions.node(id: "Sub_\(depth - 1)"))
    }

    func testSequenceFlowWithoutSourceRefIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:task id="A" />
                <bpmn:sequenceFlow id="Flow_1" targetRef="A" />
                """))

        XCTAssertEqual(
            error,
            .invalidElement(
                elementId: "Flow_1", element: "sequenceFlow",
                reason: "the sourceRef attribute is missing at line 5; "
                    + "a sequence flow needs both sourceRef and targetRef"))
    }

    func testSequenceFlowWithoutTargetRefIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:task id="A" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="A" targetRef="" />
                """))

        guard case .invalidElement(let id, let element, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(id, "Flow_1")
        XCTAssertEqual(element, "sequenceFlow")
        XCTAssertTrue(reason.contains("targetRef attribute is missing"), reason)
    }

    func testSequenceFlowToUnknownIdIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:task id="A" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="A" targetRef="Missing" />
                """))

        XCTAssertEqual(
            error,
            .invalidElement(
                elementId: "Flow_1", element: "sequenceFlow",
                reason: "targetRef 'Missing' at line 5 does not name a flow node in process "
                    + "'Process_1' (line 3): no element has the id 'Missing'; fix the reference "
                    + "or add the element"))
    }

    func testSequenceFlowAcrossScopesIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:task id="A" />
                <bpmn:subProcess id="Sub">
                  <bpmn:task id="Inner" />
                </bpmn:subProcess>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="A" targetRef="Inner" />
                """))

        guard case .invalidElement(let id, _, let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(id, "Flow_1")
        XCTAssertTrue(reason.contains("'Inner' is not a flow node of this scope"), reason)
    }

    func testSequenceFlowToArtifactIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:task id="A" />
                <bpmn:dataObject id="Data_1" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="A" targetRef="Data_1" />
                """))

        guard case .invalidElement(let id, _, _)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertEqual(id, "Flow_1")
    }

    func testDuplicateIdsAreInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:task id="Same" />
                <bpmn:userTask id="Same" />
                """))

        XCTAssertEqual(
            error,
            .invalidElement(
                elementId: "Same", element: "userTask",
                reason: "the id is already used by the task at line 4 (this one is at line 5); "
                    + "give each element a unique id"))
    }

    func testIdsInsideExtensionsMayRepeat() throws {
        let xml = Fixture.definitions(
            """
            <bpmn:process id="Process_1" xmlns:v="http://vendor.example/ext">
              <bpmn:extensionElements><v:info id="Process_1" /></bpmn:extensionElements>
              <bpmn:task id="Task_1">
                <bpmn:extensionElements>
                  <bpmn:task id="Task_1" />
                </bpmn:extensionElements>
              </bpmn:task>
            </bpmn:process>
            <bpmndi:BPMNDiagram id="Task_1" />
            """)

        let definitions = try Fixture.parse(xml)

        XCTAssertEqual(definitions.processes.first?.body.nodes.map(\.id), ["Task_1"])
    }

    func testFlowNodeWithoutIdIsInvalid() {
        let error = Fixture.parseError(Fixture.process("<bpmn:userTask name=\"No id\" />"))

        XCTAssertEqual(
            error,
            .invalidElement(
                elementId: nil, element: "userTask",
                reason: "the id attribute is missing at line 4; give every flow node a unique id"))
    }

    func testProcessWithoutIdIsInvalid() {
        let error = Fixture.parseError(Fixture.definitions("<bpmn:process />"))

        guard case .invalidElement(nil, "process", _)? = error else {
            return XCTFail(
                "expected invalidElement for the process, got \(String(describing: error))")
        }
    }

    func testInvalidBooleanIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:task id="A" />
                <bpmn:boundaryEvent id="B" attachedToRef="A" cancelActivity="no" />
                """))

        XCTAssertEqual(
            error,
            .invalidElement(
                elementId: "B", element: "boundaryEvent",
                reason: "cancelActivity='no' at line 5 is not a boolean; use \"true\" or \"false\"")
        )
    }

    func testBoundaryEventWithoutAttachmentIsInvalid() {
        let error = Fixture.parseError(Fixture.process("<bpmn:boundaryEvent id=\"B\" />"))

        guard case .invalidElement("B", "boundaryEvent", let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("attachedToRef attribute is missing"), reason)
    }

    func testBoundaryEventOnUnknownActivityIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                "<bpmn:boundaryEvent id=\"B\" attachedToRef=\"Nowhere\" />"))

        guard case .invalidElement("B", "boundaryEvent", let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("attachedToRef 'Nowhere'"), reason)
    }

    func testDefaultFlowOfOtherNodeIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:exclusiveGateway id="G" default="Flow_2" />
                <bpmn:task id="A" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="G" targetRef="A" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="A" targetRef="G" />
                """))

        guard case .invalidElement("G", "exclusiveGateway", let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("default flow 'Flow_2'"), reason)
    }

    func testUnknownEventDefinitionRefIsInvalid() {
        let error = Fixture.parseError(
            Fixture.process(
                """
                <bpmn:intermediateCatchEvent id="C">
                  <bpmn:eventDefinitionRef>Missing</bpmn:eventDefinitionRef>
                </bpmn:intermediateCatchEvent>
                """))

        guard case .invalidElement("C", "intermediateCatchEvent", let reason)? = error else {
            return XCTFail("expected invalidElement, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("eventDefinitionRef 'Missing'"), reason)
    }

    func testVendorExtensionNeverFailsTheLoad() throws {
        let xml = Fixture.definitions(
            """
            <bpmn:process id="Process_1" xmlns:v="http://vendor.example/ext" v:flag="maybe">
              <bpmn:extensionElements>
                <v:anything><v:deep cancelActivity="nope"><bpmn:sequenceFlow /></v:deep></v:anything>
              </bpmn:extensionElements>
              <bpmn:task id="T" v:loopMaximum="lots">
                <bpmn:extensionElements><camunda:formData><camunda:formField />
                </camunda:formData><camunda:unknownThing /></bpmn:extensionElements>
              </bpmn:task>
            </bpmn:process>
            """)

        let definitions = try Fixture.parse(xml)

        XCTAssertEqual(
            definitions.node(id: "T")?.otherAttributes["{http://vendor.example/ext}loopMaximum"],
            "lots")
    }
}
