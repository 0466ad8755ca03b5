import BPMNModel
import XCTest

/// BPMNDI geometry: shapes, edges, labels and `isExpanded`.
final class DiagramTests: XCTestCase {
    private func diagram(_ planeContent: String, secondDiagram: String = "") throws -> Diagram {
        try Fixture.parse(
            Fixture.definitions(
                """
                <bpmn:process id="Process_1">
                  <bpmn:task id="Task_1" />
                  <bpmn:subProcess id="Sub_1" />
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Task_1" targetRef="Sub_1" />
                </bpmn:process>
                <bpmndi:BPMNDiagram id="Diagram_1">
                  <bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1">
                  \(planeContent)
                  </bpmndi:BPMNPlane>
                </bpmndi:BPMNDiagram>
                \(secondDiagram)
                """)
        ).diagram
    }

    func testShapeBoundsAndLabel() throws {
        let diagram = try diagram(
            """
            <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
              <dc:Bounds x="160.5" y="80" width="100" height="80" />
              <bpmndi:BPMNLabel><dc:Bounds x="170" y="170" width="80" height="14" /></bpmndi:BPMNLabel>
            </bpmndi:BPMNShape>
            """)

        XCTAssertEqual(diagram.shapes["Task_1"], Bounds(x: 160.5, y: 80, width: 100, height: 80))
        XCTAssertEqual(diagram.labels["Task_1"], Bounds(x: 170, y: 170, width: 80, height: 14))
        XCTAssertFalse(diagram.isEmpty)
    }

    func testEdgeWaypointsAndLabel() throws {
        let diagram = try diagram(
            """
            <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
              <di:waypoint x="260" y="120" />
              <di:waypoint x="300" y="120" />
              <di:waypoint x="300" y="200" />
              <bpmndi:BPMNLabel><dc:Bounds x="270" y="100" width="20" height="14" /></bpmndi:BPMNLabel>
            </bpmndi:BPMNEdge>
            """)

        XCTAssertEqual(
            diagram.edges["Flow_1"],
            [Point(x: 260, y: 120), Point(x: 300, y: 120), Point(x: 300, y: 200)])
        XCTAssertEqual(diagram.labels["Flow_1"], Bounds(x: 270, y: 100, width: 20, height: 14))
    }

    func testExpandedSubProcess() throws {
        let diagram = try diagram(
            """
            <bpmndi:BPMNShape id="Sub_1_di" bpmnElement="Sub_1" isExpanded="true">
              <dc:Bounds x="0" y="0" width="400" height="200" />
            </bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
              <dc:Bounds x="0" y="0" width="100" height="80" />
            </bpmndi:BPMNShape>
            """)

        XCTAssertEqual(diagram.expanded, ["Sub_1": true])
    }

    func testInvalidCoordinatesAreSkipped() throws {
        let diagram = try diagram(
            """
            <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
              <dc:Bounds x="left" y="0" width="100" height="80" />
            </bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Sub_1_di" bpmnElement="Sub_1">
              <dc:Bounds x="1" y="2" width="3" />
            </bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
              <di:waypoint x="1" y="2" />
              <di:waypoint x="NaN" y="2" />
            </bpmndi:BPMNEdge>
            """)

        XCTAssertTrue(diagram.isEmpty)
    }

    func testFirstDiagramWinsForSameElement() throws {
        let diagram = try diagram(
            """
            <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
              <dc:Bounds x="1" y="1" width="10" height="10" />
            </bpmndi:BPMNShape>
            """,
            secondDiagram: """
                <bpmndi:BPMNDiagram id="Diagram_2">
                  <bpmndi:BPMNPlane id="Plane_2" bpmnElement="Process_1">
                    <bpmndi:BPMNShape id="Task_1_di2" bpmnElement="Task_1">
                      <dc:Bounds x="2" y="2" width="20" height="20" />
                    </bpmndi:BPMNShape>
                    <bpmndi:BPMNShape id="Sub_1_di2" bpmnElement="Sub_1">
                      <dc:Bounds x="3" y="3" width="30" height="30" />
                    </bpmndi:BPMNShape>
                  </bpmndi:BPMNPlane>
                </bpmndi:BPMNDiagram>
                """)

        XCTAssertEqual(diagram.shapes["Task_1"], Bounds(x: 1, y: 1, width: 10, height: 10))
        XCTAssertEqual(diagram.shapes["Sub_1"], Bounds(x: 3, y: 3, width: 30, height: 30))
    }

    func testModelWithoutDiagramHasEmptyGeometry() throws {
        let definitions = try Fixture.parse(Fixture.process("<bpmn:task id=\"Task_1\" />"))

        XCTAssertTrue(definitions.diagram.isEmpty)
        XCTAssertTrue(definitions.diagram.labels.isEmpty)
    }
}
