import Foundation
import WorkflowEngine
import XCTest

/// `EngineError.executionLimitExceeded`: the error of a start that loops names the model and
/// states that no instance was created, and the error of a call on an existing instance names
/// that instance.
final class ExecutionLimitMessageTests: XCTestCase {
    /// Two plain tasks that lead to each other, reached at once from the start event.
    private let loopingModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <task id="A"/>
            <task id="B"/>
            <sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
            <sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
            <sequenceFlow id="f3" sourceRef="B" targetRef="A"/>
          </process>
        </definitions>
        """

    /// The same loop behind a user task, so the start waits and the invoke loops.
    private let loopAfterTaskModel = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <userTask id="Work"/>
            <task id="A"/>
            <task id="B"/>
            <sequenceFlow id="f0" sourceRef="S" targetRef="Work"/>
            <sequenceFlow id="f1" sourceRef="Work" targetRef="A"/>
            <sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
            <sequenceFlow id="f3" sourceRef="B" targetRef="A"/>
          </process>
        </definitions>
        """

    private func limitError(_ call: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) -> EngineError? {
        do {
            _ = try call()
            XCTFail("the call finished, but it should have hit the step limit", file: file, line: line)
            return nil
        } catch {
            return error as? EngineError
        }
    }

    func testLoopingStartHasNoInstanceId() throws {
        let harness = try EngineHarness(options: EngineOptions(maximumStepsPerCall: 5))
        try harness.engine.importModel(name: "Loop", source: loopingModel)

        let error = limitError { try harness.engine.start("Loop", user: .system) }

        XCTAssertEqual(error, .executionLimitExceeded(instanceId: nil, model: "Loop", elementId: "A", steps: 5))
    }

    func testLoopingStartMessageSaysNoInstanceCreated() throws {
        let harness = try EngineHarness(options: EngineOptions(maximumStepsPerCall: 5))
        try harness.engine.importModel(name: "Loop", source: loopingModel)

        let message = limitError { try harness.engine.start("Loop", user: .system) }.map { "\($0)" } ?? ""

        XCTAssertTrue(message.hasPrefix("starting model 'Loop' took more than 5 steps"), message)
        XCTAssertTrue(message.contains("stopped at element 'A'"), message)
        XCTAssertTrue(message.contains("no instance was created"), message)
        XCTAssertNil(message.range(of: "[0-9a-f]{8}-[0-9a-f]{4}-", options: .regularExpression), message)
        XCTAssertEqual(try harness.engine.findInstances([:]).count, 0)
    }

    func testLoopingInvokeNamesExistingInstance() throws {
        let harness = try EngineHarness(options: EngineOptions(maximumStepsPerCall: 5))
        try harness.engine.importModel(name: "Looper", source: loopAfterTaskModel)
        let started = try harness.engine.start("Looper", user: .system)

        let error = limitError {
            try harness.engine.invoke(["id": .string(started.instance.id), "items.elementId": "Work"], user: .system)
        }

        XCTAssertEqual(
            error, .executionLimitExceeded(instanceId: started.instance.id, model: "Looper", elementId: "B", steps: 5))
        XCTAssertTrue(error.map { "\($0)" }?.hasPrefix("instance \(started.instance.id) of model 'Looper'") == true)
        XCTAssertEqual(try harness.engine.findInstances([:]).map(\.id), [started.instance.id])
    }
}
