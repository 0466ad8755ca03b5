import BPMNModel
import XCTest

/// The bpmn-web "Buy Used Car" model: user-task assignment, forms, listeners, gateways.
final class BuyUsedCarTests: XCTestCase {
    private var definitions: Definitions!

    override func setUpWithError() throws {
        definitions = try Corpus.parse("bpmn-web/test-processes/Buy Used Car.bpmn")
    }

    private func node(_ id: String) throws -> FlowNode {
        try XCTUnwrap(definitions.node(id: id), "node '\(id)' not found")
    }

    func testProcessAndParticipant() throws {
        XCTAssertEqual(definitions.processes.map(\.id), ["Process_1hf9394"])
        XCTAssertTrue(definitions.processes[0].isExecutable)
        XCTAssertEqual(
            definitions.participants,
            [Participant(id: "Participant_1c0lpx5", name: nil, processRef: "Process_1hf9394")])
    }

    func testBuyTaskAssignmentIsRaw() throws {
        let task = try node("task_Buy")

        XCTAssertEqual(task.kind, .userTask)
        XCTAssertEqual(task.name, "Buy")
        XCTAssertEqual(task.assignment.assignee, "$(this.data.starterUserId)")
        XCTAssertEqual(task.assignment.candidateUsers, "User1,User2")
        XCTAssertEqual(task.assignment.candidateGroups, "Employee,Manager")
        XCTAssertEqual(task.assignment.dueDate, "$this.dueDate")
        XCTAssertEqual(task.assignment.followUpDate, "2023-10-31")
        XCTAssertEqual(task.assignment.priority, "5")
        XCTAssertEqual(task.documentation, "A User Task")
    }

    func testAssignmentAttributesAreNotKeptTwice() throws {
        let task = try node("task_Buy")

        XCTAssertTrue(task.otherAttributes.isEmpty, "\(task.otherAttributes)")
    }

    func testBuyTaskHasTwoBooleanFormFields() throws {
        let task = try node("task_Buy")

        XCTAssertEqual(
            task.formFields,
            [
                FormField(id: "needsRepairs", label: "Repairs Required?", type: "boolean"),
                FormField(id: "needsCleaning", label: "Cleaning Required?", type: "boolean"),
            ])
    }

    func testBuyTaskStartListenerScript() throws {
        let task = try node("task_Buy")

        XCTAssertEqual(
            task.listeners,
            [
                Listener(
                    kind: .execution, event: "start",
                    script: "var date=new Date();\ndate.setDate(date.getDate()+5);\n"
                        + "this.dueDate=date.toISOString();",
                    scriptFormat: "JavaScript")
            ])
    }

    func testStartEventInitiatorAndEndListener() throws {
        let start = try node("StartEvent_158yep3")

        XCTAssertEqual(start.kind, .startEvent)
        XCTAssertEqual(start.initiator, "starterUserId")
        XCTAssertEqual(start.listeners.map(\.event), ["end"])
        XCTAssertEqual(start.listeners.first?.script, "data.startDate=this.endedAt;")
        XCTAssertEqual(start.outgoing, ["flow_start_buy"])
        XCTAssertEqual(start.incoming, [])
    }

    func testInclusiveGatewayDefaultAndOutgoing() throws {
        let gateway = try node("gateway_1")

        XCTAssertEqual(gateway.kind, .inclusiveGateway)
        XCTAssertEqual(gateway.defaultFlow, "flow_gw1_gw2")
        XCTAssertEqual(gateway.outgoing, ["flow_gw1_clean", "flow_gw1_gw2", "flow_gw1_repair"])
        XCTAssertEqual(gateway.incoming, ["flow_buy_gw"])
    }

    func testConditionBodies() throws {
        let process = definitions.processes[0]
        let clean = try XCTUnwrap(process.flow(id: "flow_gw1_clean"))
        let repair = try XCTUnwrap(process.flow(id: "flow_gw1_repair"))
        let unconditional = try XCTUnwrap(process.flow(id: "flow_gw1_gw2"))

        XCTAssertEqual(clean.condition, "$(item.data.needsCleaning==\"Yes\")")
        XCTAssertEqual(clean.conditionLanguage, "JavaScript")
        XCTAssertEqual(repair.condition, "$(item.data.needsRepairs==\"Yes\")")
        XCTAssertNil(unconditional.condition)
        XCTAssertNil(unconditional.conditionLanguage)
    }

    func testParallelGatewayHasThreeIncoming() throws {
        let gateway = try node("gateway_2")

        XCTAssertEqual(gateway.kind, .parallelGateway)
        XCTAssertEqual(gateway.incoming, ["flow_clean_gw2", "flow_repair_gw2", "flow_gw1_gw2"])
        XCTAssertEqual(gateway.outgoing, ["flow_gw2_drive"])
    }

    func testDriveTaskDurationsAreRaw() throws {
        let task = try node("task_Drive")

        XCTAssertEqual(task.assignment.candidateUsers, "$data.starterUserId")
        XCTAssertEqual(task.assignment.dueDate, "P10D")
        XCTAssertEqual(task.assignment.followUpDate, "P5D")
        XCTAssertNil(task.assignment.assignee)
    }

    func testDiagramGeometry() throws {
        let diagram = definitions.diagram

        XCTAssertEqual(diagram.shapes["task_Buy"], Bounds(x: 250, y: 130, width: 100, height: 80))
        XCTAssertEqual(
            diagram.edges["flow_gw1_repair"],
            [Point(x: 396, y: 141), Point(x: 396, y: 96), Point(x: 456, y: 96)])
        XCTAssertEqual(diagram.labels["gateway_1"], Bounds(x: 306, y: 191, width: 90, height: 12))
        XCTAssertEqual(diagram.shapes.count, 9)
        XCTAssertEqual(diagram.edges.count, 9)
    }

    func testDemoCopyHasValidateTaskListener() throws {
        let demo = try Corpus.parse("bpmn-web/processes/Buy Used Car.bpmn")
        let task = try XCTUnwrap(demo.node(id: "task_Buy"))

        XCTAssertEqual(task.listeners.map(\.kind), [.execution, .task])
        XCTAssertEqual(task.listeners.last?.event, "validate")
        XCTAssertEqual(task.listeners.last?.script, "item.vars=item.input;")
    }
}
