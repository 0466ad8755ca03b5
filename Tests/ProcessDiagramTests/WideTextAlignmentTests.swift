import BPMNModel
@testable import ProcessDiagram
import XCTest

/// Names with CJK characters and emoji keep box edges in one column.
final class WideTextAlignmentTests: XCTestCase {
    private static let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="start" name="開始" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ship" name="出荷 🚚" />
            <bpmn:userTask id="ship" name="Ship 🚚 the order to 山田 太郎 today" />
            <bpmn:sequenceFlow id="f2" sourceRef="ship" targetRef="end" />
            <bpmn:endEvent id="end" name="Done ✅" />
          </bpmn:process>
        </bpmn:definitions>
        """

    private func boxColumns(zoom: DiagramZoom) throws -> (left: Set<Int>, right: Set<Int>) {
        let definitions = try BPMNParser.parse(string: Self.model)
        let layout = DiagramLayout(definitions: definitions, options: DiagramOptions(zoom: zoom))
        let rect = try XCTUnwrap(layout.rects["ship"])
        let lines = DiagramRenderer.renderAll(layout).plainLines()
        var left = Set<Int>()
        var right = Set<Int>()
        for line in lines[rect.y...rect.maxY] {
            var column = 0
            for character in line {
                if "╭│╰".contains(character), column >= rect.x - 1, column <= rect.x + 1 { left.insert(column) }
                if "╮│╯".contains(character), column >= rect.maxX - 1 { right.insert(column) }
                column += DisplayWidth.width(of: character)
            }
        }
        return (left, right)
    }

    func testFullZoomEdgesLineUp() throws {
        let columns = try boxColumns(zoom: .full)

        XCTAssertEqual(columns.left.count, 1, "left edge columns: \(columns.left)")
        XCTAssertEqual(columns.right.count, 1, "right edge columns: \(columns.right)")
    }

    func testShortZoomEdgesLineUp() throws {
        let columns = try boxColumns(zoom: .short)

        XCTAssertEqual(columns.left.count, 1, "left edge columns: \(columns.left)")
        XCTAssertEqual(columns.right.count, 1, "right edge columns: \(columns.right)")
    }

    func testNameWrapsWithinBox() throws {
        let definitions = try BPMNParser.parse(string: Self.model)
        let layout = DiagramLayout(definitions: definitions)
        let lines = try XCTUnwrap(layout.nameLines["ship"])
        let rect = try XCTUnwrap(layout.rects["ship"])

        XCTAssertGreaterThan(lines.count, 1)
        for line in lines {
            XCTAssertLessThanOrEqual(DisplayWidth.width(of: line), rect.width - 4, line)
        }
    }
}
