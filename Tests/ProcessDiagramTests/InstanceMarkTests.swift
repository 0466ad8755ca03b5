import BPMNModel
import Foundation
import XCTest

@testable import ProcessDiagram

/// State marks of events and gateways, taken flows through shared lines, and the legend.
final class InstanceMarkTests: XCTestCase {
    /// A timer, a gateway, a script that throws, and an end event.
    static let nightlyLedger = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="nightly_ledger" name="Nightly ledger" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="timer_night" name="Midnight">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT15H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:exclusiveGateway id="gateway_check" />
            <bpmn:scriptTask id="script_post" name="Post to ledger" scriptFormat="JavaScript">
              <bpmn:script>throw new Error("ledger is closed");</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="timer_night" />
            <bpmn:sequenceFlow id="f2" sourceRef="timer_night" targetRef="gateway_check" />
            <bpmn:sequenceFlow id="f3" sourceRef="gateway_check" targetRef="script_post" />
            <bpmn:sequenceFlow id="f4" sourceRef="script_post" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """

    private func ledgerLayout(zoom: DiagramZoom = .full) throws -> DiagramLayout {
        DiagramLayout(definitions: try BPMNParser.parse(data: Data(Self.nightlyLedger.utf8)), options: DiagramOptions(zoom: zoom))
    }

    /// Returns the text the frame shows in `cell`.
    private func text(in frame: DiagramFrame, at cell: CellRect) -> String {
        var text = ""
        for x in cell.x...cell.maxX where !frame[x, cell.y].isContinuation {
            text.append(frame[x, cell.y].character)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    func testWaitingTimerEventShowsMark() throws {
        let layout = try ledgerLayout()
        let highlight = InstanceHighlight(items: [
            ItemTrace(elementId: "start", type: "bpmn:StartEvent", status: "end"),
            ItemTrace(elementId: "timer_night", type: "bpmn:IntermediateCatchEvent", status: "wait"),
        ])

        let frame = DiagramRenderer.renderAll(layout, highlight: highlight)

        let cell = try XCTUnwrap(layout.markerCells["timer_night"], "no room reserved for the timer's mark")
        XCTAssertEqual(text(in: frame, at: cell), "●", frame.plainLines().joined(separator: "\n"))
        XCTAssertEqual(frame[cell.maxX, cell.y].role, .waiting)
    }

    func testFailedEventAndGatewayShowCross() throws {
        let layout = try ledgerLayout()
        let highlight = InstanceHighlight(items: [
            ItemTrace(elementId: "timer_night", type: "bpmn:IntermediateCatchEvent", status: "failed"),
            ItemTrace(elementId: "gateway_check", type: "bpmn:ExclusiveGateway", status: "failed"),
        ])

        let frame = DiagramRenderer.renderAll(layout, highlight: highlight)

        let drawing = frame.plainLines().joined(separator: "\n")
        let timerCell = try XCTUnwrap(layout.markerCells["timer_night"])
        let gatewayCell = try XCTUnwrap(layout.markerCells["gateway_check"])
        XCTAssertEqual(text(in: frame, at: timerCell), "✗", drawing)
        XCTAssertEqual(text(in: frame, at: gatewayCell), "✗", drawing)
    }

    func testMarksAppearAtSymbolsZoom() throws {
        let layout = try ledgerLayout(zoom: .symbols)
        let highlight = InstanceHighlight(items: [ItemTrace(elementId: "timer_night", type: "bpmn:IntermediateCatchEvent", status: "wait")])

        let drawing = DiagramRenderer.renderAll(layout, highlight: highlight).plainLines().joined(separator: "\n")

        let withoutEndEvents = drawing.replacingOccurrences(of: "(●)", with: "")
        XCTAssertEqual(withoutEndEvents.filter { $0 == "●" }.count, 1, drawing)
    }

    func testBareModelHasNoMarks() throws {
        let drawing = DiagramRenderer.renderAll(try ledgerLayout()).plainLines().joined(separator: "\n")

        XCTAssertFalse(drawing.replacingOccurrences(of: "(●)", with: "").contains("●"), drawing)
        XCTAssertFalse(drawing.contains("✓"), drawing)
        XCTAssertFalse(drawing.contains("✗"), drawing)
    }

    func testLegendCountsFailedAndDoneElements() {
        let highlight = InstanceHighlight(items: [
            ItemTrace(elementId: "start", type: "bpmn:StartEvent", status: "end"),
            ItemTrace(elementId: "timer_night", type: "bpmn:IntermediateCatchEvent", status: "failed"),
        ])

        let legend = DiagramLegend.runs(highlight: highlight).map(\.text).joined()

        XCTAssertTrue(legend.contains("● waiting 0"), legend)
        XCTAssertTrue(legend.contains("✓ done 1"), legend)
        XCTAssertTrue(legend.contains("✗ failed 1"), legend)
    }

    func testJunctionKeepsHeavyArmsOfTakenFlow() {
        let glyph = LineGlyphs.glyph(LineGlyphs.up | LineGlyphs.down | LineGlyphs.right, heavyMask: LineGlyphs.up | LineGlyphs.down, dotted: false)

        XCTAssertEqual(glyph, "┠")
    }

    // MARK: Flows that share a line

    private func triageLayout() throws -> DiagramLayout {
        DiagramLayout(definitions: try ModelFiles.load(ModelFiles.examples.appendingPathComponent("Incident triage.bpmn")))
    }

    func testDefaultFlowIsHeavyOverItsWholeRoute() throws {
        let layout = try triageLayout()
        let highlight = InstanceHighlight(activity: ["gateway_route": .done], takenFlows: ["flow_support"])

        let frame = DiagramRenderer.renderAll(layout, highlight: highlight)

        let route = try XCTUnwrap(layout.routes.first { layout.scene.edges[$0.edgeIndex].id == "flow_support" })
        let light: Set<Character> = ["─", "│", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼"]
        for cell in route.cells.dropLast() {
            let character = frame[cell.x, cell.y].character
            XCTAssertFalse(light.contains(character), "light '\(character)' at \(cell.x),\(cell.y) of the taken flow:\n"
                + frame.plainLines().joined(separator: "\n"))
        }
    }

    func testFlowLabelsSitBesideTheirOwnSegment() throws {
        let layout = try triageLayout()
        var usage: [CellPoint: Int] = [:]
        for route in layout.routes {
            for cell in Set(route.cells) { usage[cell, default: 0] += 1 }
        }

        for flowId in ["flow_comms", "flow_support", "flow_vendor", "flow_oncall"] {
            let label = try XCTUnwrap(layout.labels.first { $0.ownerId == flowId }, "\(flowId) has no label")
            let route = try XCTUnwrap(layout.routes.first { layout.scene.edges[$0.edgeIndex].id == flowId })
            let ownNeighbours = route.cells.filter { cell in
                usage[cell] == 1 && abs(cell.y - label.position.y) == 1
                    && cell.x >= label.position.x - 1 && cell.x <= label.position.x + DisplayWidth.width(of: label.text)
            }
            XCTAssertFalse(ownNeighbours.isEmpty, "'\(label.text)' is not beside a line only \(flowId) uses")
        }
    }
}
