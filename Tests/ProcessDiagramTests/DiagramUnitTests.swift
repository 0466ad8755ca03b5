import BPMNModel
@testable import ProcessDiagram
import XCTest

/// Widths, highlights, frames, the automatic layout and the viewport, each on small inputs.
final class DisplayWidthTests: XCTestCase {
    func testWideCharactersTakeTwoColumns() {
        XCTAssertEqual(DisplayWidth.width(of: "咖啡豆"), 6)
        XCTAssertEqual(DisplayWidth.width(of: "Café"), 4)
    }

    func testTruncationKeepsWideCharactersWhole() {
        XCTAssertEqual(DisplayWidth.truncated("咖啡豆咖啡豆", to: 6), "咖啡…")
        XCTAssertEqual(DisplayWidth.truncated("short", to: 10), "short")
    }

    func testWrappingEndsOverflowWithEllipsis() {
        let lines = DisplayWidth.wrapped("one two three four five six", to: 9, maxLines: 2)

        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines.first, "one two")
        XCTAssertTrue(lines.last?.hasSuffix("…") ?? false, "\(lines)")
    }

    func testSanitizedRemovesControlCharacters() {
        XCTAssertEqual(DisplayWidth.sanitized("a\u{1B}[31mb\tc"), "a\u{FFFD}[31mb c")
    }
}

final class InstanceHighlightTests: XCTestCase {
    func testMultiInstanceWaitingItemsAreCounted() {
        let highlight = InstanceHighlight(items: [
            ItemTrace(elementId: "vote", type: "bpmn:UserTask", status: "wait"),
            ItemTrace(elementId: "vote", type: "bpmn:UserTask", status: "wait"),
            ItemTrace(elementId: "vote", type: "bpmn:UserTask", status: "end"),
        ])

        XCTAssertEqual(highlight.activity["vote"], .waiting(count: 2))
        XCTAssertEqual(highlight.waitingCount.items, 2)
    }

    func testFailedItemWinsOverEndedOnes() {
        let highlight = InstanceHighlight(items: [
            ItemTrace(elementId: "call", type: "bpmn:ServiceTask", status: "end"),
            ItemTrace(elementId: "call", type: "bpmn:ServiceTask", status: "failed"),
        ])

        XCTAssertEqual(highlight.activity["call"], .failed)
    }

    func testSequenceFlowItemsMarkTakenFlows() {
        let highlight = InstanceHighlight(items: [ItemTrace(elementId: "flow_1", type: "bpmn:SequenceFlow", status: "end")])

        XCTAssertEqual(highlight.takenFlows, ["flow_1"])
        XCTAssertNil(highlight.activity["flow_1"])
    }
}

final class DiagramFrameTests: XCTestCase {
    func testWideCharacterAtRightEdgeBecomesSpace() {
        var frame = DiagramFrame(width: 3, height: 1)
        frame.write("ab咖", x: 0, y: 0, role: .normal)

        XCTAssertEqual(frame.plainLines(), ["ab"])
    }

    func testOverwritingHalfOfWideCharacterClearsIt() {
        var frame = DiagramFrame(width: 4, height: 1)
        frame.write("咖", x: 0, y: 0, role: .normal)
        frame.set("x", x: 1, y: 0, role: .label)

        XCTAssertEqual(frame.plainLines(), [" x"])
    }

    func testRunsGroupCellsByRole() {
        var frame = DiagramFrame(width: 6, height: 1)
        frame.write("ab", x: 0, y: 0, role: .waiting)
        frame.write("cd", x: 2, y: 0, role: .done)

        XCTAssertEqual(frame.runs(row: 0).map(\.text), ["ab", "cd", "  "])
        XCTAssertEqual(frame.runs(row: 0).map(\.role), [.waiting, .done, .normal])
    }

    func testLineGlyphsJoinNeighbours() {
        XCTAssertEqual(LineGlyphs.glyph(LineGlyphs.right | LineGlyphs.down, heavyMask: 0, dotted: false), "┌")
        XCTAssertEqual(LineGlyphs.glyph(LineGlyphs.left | LineGlyphs.right, heavyMask: LineGlyphs.left | LineGlyphs.right, dotted: false), "━")
        XCTAssertEqual(LineGlyphs.glyph(LineGlyphs.up | LineGlyphs.down | LineGlyphs.left | LineGlyphs.right, heavyMask: 0, dotted: false), "┼")
    }
}

final class AutoLayoutTests: XCTestCase {
    private func expenseWithoutDiagram() throws -> Definitions {
        var definitions = try ModelFiles.load(ModelFiles.examples.appendingPathComponent("Expense approval.bpmn"))
        definitions.diagram = Diagram()
        return definitions
    }

    func testModelWithoutDiagramIsLaidOutAutomatically() throws {
        let layout = DiagramLayout(definitions: try expenseWithoutDiagram())

        XCTAssertTrue(layout.isAutomatic)
        XCTAssertEqual(LayoutChecks.overlaps(in: layout), [])
        XCTAssertEqual(LayoutChecks.brokenRoutes(in: layout), [])
    }

    func testForwardFlowsGoLeftToRight() throws {
        let layout = DiagramLayout(definitions: try expenseWithoutDiagram())
        for edge in layout.scene.edges {
            let source = try XCTUnwrap(layout.rects[edge.sourceId])
            let target = try XCTUnwrap(layout.rects[edge.targetId])
            XCTAssertLessThan(source.x, target.x, "\(edge.id) goes from \(edge.sourceId) back to \(edge.targetId)")
        }
    }

    func testStartEventIsInFirstRank() throws {
        let layout = DiagramLayout(definitions: try expenseWithoutDiagram())
        let start = try XCTUnwrap(layout.scene.elements.first { $0.node?.kind == .startEvent })
        let startX = try XCTUnwrap(layout.rects[start.id]?.x)

        XCTAssertEqual(startX, layout.rects.values.map(\.x).min())
    }

    func testFarAwayShapeKeepsDrawingBounded() throws {
        var definitions = try ModelFiles.load(ModelFiles.examples.appendingPathComponent("Expense approval.bpmn"))
        let far = try XCTUnwrap(definitions.diagram.shapes["task_submit"])
        definitions.diagram.shapes["task_submit"] = Bounds(x: far.x + 1e9, y: far.y + 1e9, width: far.width, height: far.height)
        let layout = DiagramLayout(definitions: definitions)

        XCTAssertLessThan(layout.width, 5000)
        XCTAssertLessThan(layout.height, 3000)
        XCTAssertEqual(LayoutChecks.overlaps(in: layout), [])
    }

    func testIgnoringDiagramGivesSameLayoutAsRemovingIt() throws {
        let original = try ModelFiles.load(ModelFiles.examples.appendingPathComponent("Expense approval.bpmn"))
        let ignoring = DiagramLayout(definitions: original, options: DiagramOptions(ignoresDiagram: true))
        let removed = DiagramLayout(definitions: try expenseWithoutDiagram())

        XCTAssertEqual(ignoring.rects, removed.rects)
    }
}

final class DiagramViewportTests: XCTestCase {
    private func viewport(width: Int, height: Int) throws -> DiagramViewport {
        let definitions = try ModelFiles.load(ModelFiles.examples.appendingPathComponent("Expense approval.bpmn"))
        return DiagramViewport(definitions: definitions, width: width, height: height)
    }

    func testFitChoosesMostTextThatFits() throws {
        var large = try viewport(width: 300, height: 100)
        large.fit()
        var small = try viewport(width: 60, height: 12)
        small.fit()

        XCTAssertEqual(large.options.zoom, .full)
        XCTAssertEqual(small.options.zoom, .symbols)
    }

    func testScrollIsClampedToDrawing() throws {
        var view = try viewport(width: 40, height: 10)
        view.scroll(dx: 10_000, dy: 10_000)

        XCTAssertEqual(view.origin.x, view.layout.width - 40)
        XCTAssertEqual(view.origin.y, view.layout.height - 10)
    }

    func testSelectionCyclesThroughFlowNodes() throws {
        var view = try viewport(width: 200, height: 50)
        let ids = view.layout.selectableIds
        for _ in ids { view.selectNext() }
        XCTAssertEqual(view.selectedId, ids.last)

        view.selectNext()
        XCTAssertEqual(view.selectedId, ids.first)
    }

    func testSelectingScrollsElementIntoView() throws {
        var view = try viewport(width: 30, height: 8)
        let last = try XCTUnwrap(view.layout.selectableIds.last)
        view.select(last)
        let rect = try XCTUnwrap(view.layout.rects[last])

        XCTAssertTrue(view.visibleRect.intersects(rect), "\(rect) outside \(view.visibleRect)")
    }

    func testSelectedElementIsDrawnSelected() throws {
        var view = try viewport(width: 200, height: 50)
        view.select("task_submit")
        let frame = view.frame(highlight: nil)
        let rect = try XCTUnwrap(view.layout.rects["task_submit"])

        XCTAssertEqual(frame[rect.x - view.origin.x, rect.y - view.origin.y].role, .selected)
    }

    func testCollapsingSubProcessHidesItsContent() throws {
        let folder = try ModelFiles.corpusFolder("bpmn-web/processes")
        let definitions = try ModelFiles.load(folder.appendingPathComponent("SubProcess.bpmn"))
        var view = DiagramViewport(definitions: definitions, width: 200, height: 60)
        let inner = "task_subProcess"
        XCTAssertTrue(view.layout.scene.elements.contains { $0.parentId == inner })

        view.toggleExpansion(of: inner)

        XCTAssertFalse(view.layout.scene.elements.contains { $0.parentId == inner })
        XCTAssertEqual(view.layout.scene.element(id: inner)?.shape, .subProcess(expanded: false))
    }
}

final class ElementDetailsTests: XCTestCase {
    func testGatewayDetailsListConditions() throws {
        let definitions = try ModelFiles.load(ModelFiles.examples.appendingPathComponent("Expense approval.bpmn"))
        let layout = DiagramLayout(definitions: definitions)
        let gateway = try XCTUnwrap(layout.scene.elements.first { $0.node?.kind == .exclusiveGateway })
        let lines = ElementDetails.lines(for: gateway.id, in: layout)

        let type = lines.first { $0.key == "type" }?.value
        let flows = lines.filter { $0.key == "flow" }.map(\.value)

        XCTAssertEqual(type, "bpmn:ExclusiveGateway")
        XCTAssertTrue(flows.contains { $0.contains("when data.amount > 1000") }, "\(flows)")
    }

    func testUserTaskDetailsShowAssignment() throws {
        let definitions = try ModelFiles.load(ModelFiles.examples.appendingPathComponent("Expense approval.bpmn"))
        let lines = ElementDetails.lines(for: "task_manager_approval", in: DiagramLayout(definitions: definitions))

        let groups = lines.first { $0.key == "candidate groups" }?.value

        XCTAssertEqual(groups, "managers")
    }
}
