import Foundation
import WorkflowEngine
import XCTest

/// `pendingUserTasks` (the API without a user) reads the instance rows alone; its result must
/// be what loading each task's whole instance gave.
final class PendingUserTasksTests: XCTestCase {
    /// Two user tasks in parallel, so one instance has two pending tasks.
    private let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="http://example.org">
          <bpmn:process id="Review" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:parallelGateway id="Split"/>
            <bpmn:userTask id="Check" name="Check"/>
            <bpmn:userTask id="Sign" name="Sign"/>
            <bpmn:sequenceFlow id="f0" sourceRef="Start" targetRef="Split"/>
            <bpmn:sequenceFlow id="f1" sourceRef="Split" targetRef="Check"/>
            <bpmn:sequenceFlow id="f2" sourceRef="Split" targetRef="Sign"/>
          </bpmn:process>
        </bpmn:definitions>
        """

    /// Builds the result the way the API did before: each task's instance loaded whole.
    private func expectedTasks(_ harness: EngineHarness, query: JSONValue) throws -> [TaskSummary] {
        var all = query.objectValue ?? [:]
        all["items.status"] = "wait"
        all["items.type"] = "bpmn:UserTask"
        let items = try harness.engine.findItems(
            .object(all), options: FindOptions(sort: [(key: .item(.startedAt), ascending: false)]))
        return try items.map { item in
            let instance = try XCTUnwrap(try harness.engine.store.loadInstance(id: item.instanceId)?.instance)
            return TaskSummary(item: item, instanceName: instance.name, instanceData: instance.data, modelVersion: instance.modelVersion)
        }
    }

    func testPendingUserTasksMatchWholeInstanceLoad() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Review", source: model)
        for caseId in 1...3 {
            harness.clock.advance(seconds: 60)
            _ = try harness.engine.start("Review", data: ["caseId": .number(Double(caseId)), "note": .string("case \(caseId)")], user: .system)
        }
        try harness.engine.importModel(name: "Review", source: model.replacingOccurrences(of: "name=\"Sign\"", with: "name=\"Sign off\""))
        harness.clock.advance(seconds: 60)
        _ = try harness.engine.start("Review", data: ["caseId": 4], user: .system)

        let tasks = try harness.engine.pendingUserTasks()

        XCTAssertEqual(tasks.count, 8)
        XCTAssertEqual(tasks, try expectedTasks(harness, query: .emptyObject))
        XCTAssertEqual(Set(tasks.map(\.modelVersion)), [1, 2])
    }

    func testQueriedTasksMatchWholeInstanceLoad() throws {
        let harness = try EngineHarness()
        try harness.engine.importModel(name: "Review", source: model)
        for caseId in 1...3 {
            _ = try harness.engine.start("Review", data: ["caseId": .number(Double(caseId))], user: .system)
        }
        let query: JSONValue = ["data.caseId": 2, "items.elementId": "Sign"]

        let tasks = try harness.engine.pendingUserTasks(query)

        XCTAssertEqual(tasks.count, 1)
        XCTAssertEqual(tasks.first?.instanceData["caseId"], 2)
        XCTAssertEqual(tasks, try expectedTasks(harness, query: query))
    }
}
