import Foundation
import SQLiteStore
import WorkflowEngine
import XCTest

/// A model with four user tasks waiting at once, one per kind of assignment, for the
/// access rule and task view tests.
enum AccessFixture {
    static let modelName = "Access"

    /// `ForAlice` is assigned to alice, `ForManagers` offered to the group managers,
    /// `ForBob` offered to the user bob, and `ForAnyone` has no assignment.
    static let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="S"/>
            <parallelGateway id="Split"/>
            <userTask id="ForAlice" name="For alice" camunda:assignee="alice" camunda:priority="10" camunda:dueDate="P1D"/>
            <userTask id="ForManagers" name="For managers" camunda:candidateGroups="managers" camunda:priority="50" camunda:dueDate="P3D"/>
            <userTask id="ForBob" name="For bob" camunda:candidateUsers="bob" camunda:priority="30"/>
            <userTask id="ForAnyone" name="For anyone"/>
            <parallelGateway id="Join"/>
            <endEvent id="E"/>
            <sequenceFlow id="f0" sourceRef="S" targetRef="Split"/>
            <sequenceFlow id="f1" sourceRef="Split" targetRef="ForAlice"/>
            <sequenceFlow id="f2" sourceRef="Split" targetRef="ForManagers"/>
            <sequenceFlow id="f3" sourceRef="Split" targetRef="ForBob"/>
            <sequenceFlow id="f4" sourceRef="Split" targetRef="ForAnyone"/>
            <sequenceFlow id="f5" sourceRef="ForAlice" targetRef="Join"/>
            <sequenceFlow id="f6" sourceRef="ForManagers" targetRef="Join"/>
            <sequenceFlow id="f7" sourceRef="ForBob" targetRef="Join"/>
            <sequenceFlow id="f8" sourceRef="ForAnyone" targetRef="Join"/>
            <sequenceFlow id="f9" sourceRef="Join" targetRef="E"/>
          </process>
        </definitions>
        """

    static let alice = UserContext(name: "alice")
    static let bob = UserContext(name: "bob")
    static let carol = UserContext(name: "carol", groups: ["managers"])
    static let stranger = UserContext(name: "mallory")

    /// Returns a harness with the model imported.
    static func harness(options: EngineOptions = EngineOptions()) throws -> EngineHarness {
        let harness = try EngineHarness(options: options)
        try harness.engine.importModel(name: modelName, source: model)
        return harness
    }

    /// Returns the query of one element's waiting item in one instance.
    static func query(_ instanceId: String, _ elementId: String) -> JSONValue {
        ["id": .string(instanceId), "items.elementId": .string(elementId)]
    }

    /// Loads every row the database stores for one instance except its history, to prove
    /// that a rejected call changed nothing.
    static func snapshot(_ harness: EngineHarness, _ instanceId: String) throws -> InstanceState? {
        try harness.engine.store.readTransaction { try harness.engine.store.loadInstance(id: instanceId) }
    }

    /// Returns the history rows of one instance with the given action.
    static func history(_ harness: EngineHarness, _ instanceId: String, action: String) throws -> [HistoryRecord] {
        try harness.engine.history(instanceId: instanceId).filter { $0.action == action }
    }
}

extension XCTestCase {
    /// Asserts that `body` throws `EngineError.accessDenied` and returns the denial.
    @discardableResult
    func assertAccessDenied<T>(
        _ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
    ) -> AccessDenial? {
        do {
            _ = try body()
            XCTFail("expected an access denial, but the call succeeded", file: file, line: line)
        } catch EngineError.accessDenied(let denial) {
            return denial
        } catch {
            XCTFail("expected an access denial, got \(error)", file: file, line: line)
        }
        return nil
    }
}
