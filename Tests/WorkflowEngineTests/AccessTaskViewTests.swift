import Foundation
import WorkflowEngine
import XCTest

/// The inbox's task lists and counts: mine, my groups, all, overdue and completed by me.
final class AccessTaskViewTests: XCTestCase {
    private typealias F = AccessFixture

    private func elements(_ tasks: [TaskSummary]) -> [String] {
        tasks.map(\.item.elementId)
    }

    func testMineListsTasksAssignedToUser() throws {
        let harness = try F.harness()
        _ = try harness.engine.start(F.modelName, user: F.alice)

        XCTAssertEqual(elements(try harness.engine.tasks(view: .mine, user: F.alice)), ["ForAlice"])
        XCTAssertEqual(elements(try harness.engine.tasks(view: .mine, user: F.carol)), [])
    }

    func testMyGroupsListsUnassignedCandidateTasks() throws {
        let harness = try F.harness()
        let id = try harness.engine.start(F.modelName, user: F.alice).id

        let before = elements(try harness.engine.tasks(view: .myGroups, user: F.carol))
        _ = try harness.engine.claim(F.query(id, "ForManagers"), user: F.carol)
        let after = elements(try harness.engine.tasks(view: .myGroups, user: F.carol))

        XCTAssertEqual(before, ["ForManagers"])
        XCTAssertEqual(after, [])
        XCTAssertEqual(elements(try harness.engine.tasks(view: .myGroups, user: F.bob)), ["ForBob"])
    }

    func testAllListsEveryVisibleTask() throws {
        let harness = try F.harness()
        _ = try harness.engine.start(F.modelName, user: F.alice)

        let all = elements(try harness.engine.tasks(view: .all, user: F.carol, sort: .priority))

        XCTAssertEqual(all, ["ForManagers", "ForAnyone"])
    }

    func testOverdueListsVisibleTasksPastDueDate() throws {
        let harness = try F.harness()
        _ = try harness.engine.start(F.modelName, user: F.alice)
        let admin = UserContext(name: "root", isAdmin: true)

        let early = elements(try harness.engine.tasks(view: .overdue, user: admin))
        harness.clock.advance(seconds: 2 * 86_400)
        let later = elements(try harness.engine.tasks(view: .overdue, user: admin))
        let forCarol = elements(try harness.engine.tasks(view: .overdue, user: F.carol))

        XCTAssertEqual(early, [])
        XCTAssertEqual(later, ["ForAlice"])
        XCTAssertEqual(forCarol, [])
    }

    func testCompletedByMeListsOnlyOwnCompletions() throws {
        let harness = try F.harness()
        let id = try harness.engine.start(F.modelName, user: F.alice).id
        _ = try harness.engine.invoke(F.query(id, "ForAnyone"), user: F.bob)
        _ = try harness.engine.invoke(F.query(id, "ForBob"), user: F.bob)
        _ = try harness.engine.invoke(F.query(id, "ForAlice"), user: F.alice)

        let bobs = Set(elements(try harness.engine.tasks(view: .completedByMe, user: F.bob)))

        XCTAssertEqual(bobs, ["ForAnyone", "ForBob"])
        XCTAssertEqual(elements(try harness.engine.tasks(view: .completedByMe, user: F.alice)), ["ForAlice"])
        XCTAssertEqual(elements(try harness.engine.tasks(view: .completedByMe, user: nil)), [])
    }

    func testSortByPriorityPutsHighestFirst() throws {
        let harness = try F.harness()
        _ = try harness.engine.start(F.modelName, user: F.alice)

        let sorted = elements(try harness.engine.tasks(view: .all, user: .system, sort: .priority))

        XCTAssertEqual(sorted, ["ForManagers", "ForBob", "ForAlice", "ForAnyone"])
    }

    func testSortByDueDatePutsEarliestFirst() throws {
        let harness = try F.harness()
        _ = try harness.engine.start(F.modelName, user: F.alice)

        let sorted = elements(try harness.engine.tasks(view: .all, user: .system, sort: .dueDate))

        XCTAssertEqual(Array(sorted.prefix(2)), ["ForAlice", "ForManagers"])
        XCTAssertEqual(Set(sorted.suffix(2)), ["ForBob", "ForAnyone"])
    }

    func testSortByCreatedPutsNewestFirst() throws {
        let harness = try F.harness()
        let first = try harness.engine.start(F.modelName, user: F.alice).id
        harness.clock.advance(seconds: 60)
        let second = try harness.engine.start(F.modelName, user: F.alice).id

        let sorted = try harness.engine.tasks(view: .mine, user: F.alice, sort: .created)

        XCTAssertEqual(sorted.map(\.item.instanceId), [second, first])
    }

    func testSortByModelOrdersByModelName() throws {
        let harness = try F.harness()
        try harness.engine.importModel(name: "Aardvark", source: F.model)
        _ = try harness.engine.start(F.modelName, user: F.alice)
        harness.clock.advance(seconds: 60)
        _ = try harness.engine.start("Aardvark", user: F.alice)

        let sorted = try harness.engine.tasks(view: .mine, user: F.alice, sort: .model)

        XCTAssertEqual(sorted.map(\.instanceName), ["Aardvark", F.modelName])
    }

    func testPagingSplitsListWithoutOverlap() throws {
        let harness = try F.harness()
        for _ in 0..<5 {
            _ = try harness.engine.start(F.modelName, user: F.alice)
            harness.clock.advance(seconds: 1)
        }

        let all = try harness.engine.tasks(view: .mine, user: F.alice).map(\.item.id)
        let first = try harness.engine.tasks(view: .mine, user: F.alice, limit: 2).map(\.item.id)
        let second = try harness.engine.tasks(view: .mine, user: F.alice, limit: 2, offset: 2).map(\.item.id)
        let rest = try harness.engine.tasks(view: .mine, user: F.alice, limit: 2, offset: 4).map(\.item.id)

        XCTAssertEqual(first + second + rest, all)
        XCTAssertEqual(all.count, 5)
    }

    func testExtraQueryNarrowsView() throws {
        let harness = try F.harness()
        let first = try harness.engine.start(F.modelName, data: ["caseId": 1], user: F.alice).id
        _ = try harness.engine.start(F.modelName, data: ["caseId": 2], user: F.alice)

        let narrowed = try harness.engine.tasks(view: .mine, user: F.alice, query: ["data.caseId": 1])

        XCTAssertEqual(narrowed.map(\.item.instanceId), [first])
        XCTAssertEqual(narrowed.first?.instanceData["caseId"], 1)
    }

    func testNegativeLimitIsRejected() throws {
        let harness = try F.harness()

        XCTAssertThrowsError(try harness.engine.tasks(view: .mine, user: F.alice, limit: -1)) { error in
            XCTAssertTrue("\(error)".contains("limit -1 is negative"), "\(error)")
        }
    }

    func testCountsMatchLists() throws {
        let harness = try F.harness()
        let id = try harness.engine.start(F.modelName, user: F.alice).id
        _ = try harness.engine.start(F.modelName, user: F.alice)
        _ = try harness.engine.invoke(F.query(id, "ForManagers"), user: F.carol)
        harness.clock.advance(seconds: 4 * 86_400)

        let counts = try harness.engine.taskCounts(user: F.carol)

        for view in TaskView.allCases {
            let listed = try harness.engine.tasks(view: view, user: F.carol).count
            XCTAssertEqual(counts[view], listed, "\(view)")
        }
        XCTAssertEqual(counts[.myGroups], 1)
        XCTAssertEqual(counts[.overdue], 1)
        XCTAssertEqual(counts[.completedByMe], 1)
    }

    func testCountsOfAdminIncludeEveryWaitingTask() throws {
        let harness = try F.harness()
        _ = try harness.engine.start(F.modelName, user: F.alice)

        let counts = try harness.engine.taskCounts(user: UserContext(name: "root", isAdmin: true), views: [.all, .mine])

        XCTAssertEqual(counts[.all], 4)
        XCTAssertEqual(counts[.mine], 0)
        XCTAssertNil(counts[.overdue])
    }
}

/// The task lists translate the access rules to SQL by hand, and `findItems` with a user
/// through the query translator: both must select the same tasks.
final class AccessTranslationTests: XCTestCase {
    private typealias F = AccessFixture

    func testAllViewMatchesFindItems() throws {
        let harness = try F.harness()
        let id = try harness.engine.start(F.modelName, user: F.alice).id
        _ = try harness.engine.start(F.modelName, user: UserContext(name: "nina", tenantId: "north"))
        _ = try harness.engine.assign(F.query(id, "ForBob"), assignment: ["assignee": "carol"], user: F.bob)
        let users: [UserContext?] = [
            nil, F.alice, F.bob, F.carol, F.stranger, .system, UserContext(name: "nina", groups: ["managers"], tenantId: "north"),
        ]

        for user in users {
            let listed = try harness.engine.tasks(view: .all, user: user).map(\.item.id).sorted()
            let found = try harness.engine.findItems(
                ["items.status": "wait", "items.type": "bpmn:UserTask"], user: user
            ).map(\.id).sorted()
            XCTAssertEqual(listed, found, user?.name ?? "no user")
        }
    }

    func testEmptyAssigneeCountsAsUnassigned() throws {
        let harness = try F.harness()
        let id = try harness.engine.start(F.modelName, user: F.alice).id
        try harness.engine.store.writeTransaction {
            guard var state = try harness.engine.store.loadInstance(id: id),
                let index = state.items.firstIndex(where: { $0.elementId == "ForManagers" })
            else { return XCTFail("ForManagers not found") }
            state.items[index].assignee = ""
            try harness.engine.store.saveInstance(state, changedItemIds: [state.items[index].id])
        }

        let groups = try harness.engine.tasks(view: .myGroups, user: F.carol).map(\.item.elementId)
        let claimed = try harness.engine.claim(F.query(id, "ForManagers"), user: F.carol)

        XCTAssertEqual(groups, ["ForManagers"])
        XCTAssertEqual(claimed.items("ForManagers").first?.assignee, "carol")
    }
}
