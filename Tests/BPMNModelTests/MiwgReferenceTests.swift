import BPMNModel
import Foundation
import XCTest

/// Element counts and quirks of the MIWG reference models, checked against the files' content.
final class MiwgReferenceTests: XCTestCase {
    /// Collects every node of every process, including the nodes of sub-process scopes.
    private func allNodes(_ definitions: Definitions) -> [FlowNode] {
        definitions.processes.flatMap { nodes(in: $0.body) }
    }

    private func nodes(in container: FlowContainer) -> [FlowNode] {
        container.nodes.flatMap { node in
            [node] + (node.subProcess.map { nodes(in: $0) } ?? [])
        }
    }

    private func allFlows(_ definitions: Definitions) -> [SequenceFlow] {
        definitions.processes.flatMap { $0.body.flows }
            + allNodes(definitions).flatMap { $0.subProcess?.flows ?? [] }
    }

    func testB20ElementCounts() throws {
        let definitions = try Corpus.parse("miwg/Reference/B.2.0.bpmn")
        let nodes = allNodes(definitions)
        let boundaryEvents = nodes.filter { $0.kind == .boundaryEvent }
        let loops = nodes.compactMap(\.loop)

        XCTAssertEqual(definitions.processes.count, 4)
        XCTAssertEqual(allFlows(definitions).count, 85)
        XCTAssertEqual(nodes.filter { $0.kind == .task }.count, 22)
        XCTAssertEqual(nodes.filter { $0.kind == .subProcess }.count, 5)
        XCTAssertEqual(nodes.filter { $0.kind == .endEvent }.count, 14)
        XCTAssertEqual(boundaryEvents.count, 11)
        XCTAssertEqual(boundaryEvents.filter { !$0.cancelActivity }.count, 6)
        XCTAssertEqual(loops.filter { $0.kind != .standard }.count, 3)
        XCTAssertEqual(loops.filter { $0.kind == .standard }.count, 1)
        XCTAssertEqual(definitions.messageFlows.count, 2)
        XCTAssertTrue(nodes.allSatisfy { !isUnsupported($0.kind) })
    }

    func testB20EmptyTimeDatesLoadAsEmptyTimers() throws {
        let definitions = try Corpus.parse("miwg/Reference/B.2.0.bpmn")
        let timers = allNodes(definitions).flatMap(\.eventDefinitions).compactMap { definition in
            if case .timer(let timer) = definition { return timer }
            return nil
        }

        XCTAssertEqual(timers.count, 4)
        XCTAssertTrue(timers.allSatisfy { $0 == TimerDefinition() })
    }

    func testEveryReferenceResolvesInItsScope() throws {
        let folder = try Corpus.folder("miwg/Reference")

        for url in Corpus.files(under: folder, extensions: [".bpmn"]) {
            let definitions = try BPMNParser.parse(data: Data(contentsOf: url))
            for process in definitions.processes {
                assertReferencesResolve(in: process.body, file: url.lastPathComponent)
            }
        }
    }

    private func assertReferencesResolve(in container: FlowContainer, file: String) {
        let ids = Set(container.nodes.map(\.id))
        for flow in container.flows {
            XCTAssertTrue(ids.contains(flow.sourceRef), "\(file): \(flow.id) source")
            XCTAssertTrue(ids.contains(flow.targetRef), "\(file): \(flow.id) target")
        }
        for node in container.nodes {
            if let attachedTo = node.attachedToRef {
                XCTAssertTrue(ids.contains(attachedTo), "\(file): \(node.id) attachedToRef")
            }
            if let inner = node.subProcess {
                assertReferencesResolve(in: inner, file: file)
            }
        }
    }

    func testC91TimerStrings() throws {
        let definitions = try Corpus.parse("miwg/Reference/C.9.1.bpmn")

        let daily = try XCTUnwrap(definitions.node(id: "BoundaryEvent_1"))
        let week = try XCTUnwrap(definitions.node(id: "BoundaryEvent_2"))

        XCTAssertEqual(daily.eventDefinitions, [.timer(TimerDefinition(timeCycle: "R6/P1D"))])
        XCTAssertFalse(daily.cancelActivity)
        XCTAssertEqual(daily.attachedToRef, "ReceiveTask_WaitForDocument")
        XCTAssertEqual(week.eventDefinitions, [.timer(TimerDefinition(timeDuration: "P7D"))])
        XCTAssertTrue(week.cancelActivity)
    }

    func testC30ConditionWithoutLanguage() throws {
        let definitions = try Corpus.parse("miwg/Reference/C.3.0.bpmn")
        let conditions = allFlows(definitions).filter {
            $0.condition == "Service Level == 'Premium'"
        }

        XCTAssertEqual(conditions.count, 1)
        XCTAssertNil(conditions.first?.conditionLanguage)
    }

    func testC40MissingIsExecutableDefaultsToTrue() throws {
        let definitions = try Corpus.parse("miwg/Reference/C.4.0.bpmn")

        XCTAssertEqual(definitions.processes.count, 4)
        XCTAssertTrue(definitions.processes.allSatisfy(\.isExecutable))
        XCTAssertGreaterThan(definitions.diagram.shapes.count, 20)
    }

    func testC60EventSubProcessAndCompensation() throws {
        let nodes = allNodes(try Corpus.parse("miwg/Reference/C.6.0.bpmn"))
        let compensations = nodes.flatMap(\.eventDefinitions).filter { definition in
            if case .compensate = definition { return true }
            return false
        }

        XCTAssertEqual(nodes.filter(\.triggeredByEvent).count, 1)
        XCTAssertEqual(compensations.count, 6)
    }

    func testA10Latin1ModelLoads() throws {
        let definitions = try Corpus.parse("miwg/Reference/A.1.0.bpmn")

        XCTAssertEqual(definitions.name, "A.1.0")
        XCTAssertEqual(definitions.processes.first?.isExecutable, false)
        XCTAssertEqual(definitions.processes.first?.body.nodes.count, 5)
        XCTAssertEqual(definitions.processes.first?.body.flows.count, 4)
    }

    private func isUnsupported(_ kind: NodeKind) -> Bool {
        if case .unsupported = kind { return true }
        return false
    }
}
