import Foundation
import WorkflowEngine
import XCTest

/// One test per access rule: who sees, claims, unclaims, completes and reassigns a task.
final class AccessRuleTests: XCTestCase {
    private typealias F = AccessFixture

    private func start() throws -> (EngineHarness, String) {
        let harness = try F.harness()
        return (harness, try harness.engine.start(F.modelName, user: F.alice).id)
    }

    private func visibleElements(_ harness: EngineHarness, _ user: UserContext?) throws -> [String] {
        try harness.engine.findItems(["items.type": "bpmn:UserTask"], user: user).map(\.elementId).sorted()
    }

    // MARK: Seeing

    func testSeeingAssigneeCandidatesAndOpenTasks() throws {
        let (harness, _) = try start()

        XCTAssertEqual(try visibleElements(harness, F.alice), ["ForAlice", "ForAnyone"])
        XCTAssertEqual(try visibleElements(harness, F.bob), ["ForAnyone", "ForBob"])
        XCTAssertEqual(try visibleElements(harness, F.carol), ["ForAnyone", "ForManagers"])
        XCTAssertEqual(try visibleElements(harness, F.stranger), ["ForAnyone"])
        XCTAssertEqual(try visibleElements(harness, nil), ["ForAnyone"])
    }

    func testSeeingEverythingAsAdmin() throws {
        let (harness, _) = try start()
        let admin = UserContext(name: "root", isAdmin: true)

        XCTAssertEqual(try visibleElements(harness, admin), ["ForAlice", "ForAnyone", "ForBob", "ForManagers"])
        XCTAssertEqual(try visibleElements(harness, .system), ["ForAlice", "ForAnyone", "ForBob", "ForManagers"])
    }

    func testSeeingThroughGroupsRecordedInDatabase() throws {
        let (harness, _) = try start()
        try harness.engine.saveUser(UserRecord(name: "erin", groups: ["managers"]), by: .system)

        XCTAssertEqual(try visibleElements(harness, UserContext(name: "erin")), ["ForAnyone", "ForManagers"])
    }

    func testSeeingAsMemberOfAdminGroup() throws {
        let (harness, _) = try start()
        try harness.engine.setAdminGroup("ops", by: .system)

        XCTAssertEqual(try visibleElements(harness, UserContext(name: "olga", groups: ["ops"])).count, 4)
        XCTAssertEqual(try visibleElements(harness, UserContext(name: "olga", groups: ["bpmn-admin"])), ["ForAnyone"])
    }

    func testPendingUserTasksFilteredByUser() throws {
        let (harness, _) = try start()

        let tasks = try harness.engine.pendingUserTasks(.emptyObject, user: F.bob)

        XCTAssertEqual(tasks.map(\.item.elementId).sorted(), ["ForAnyone", "ForBob"])
    }

    // MARK: Claiming

    func testClaimAssignsUnassignedTaskToCandidate() throws {
        let (harness, id) = try start()

        let claimed = try harness.engine.claim(F.query(id, "ForManagers"), user: F.carol)

        XCTAssertEqual(claimed.items("ForManagers").first?.assignee, "carol")
        XCTAssertEqual(try F.history(harness, id, action: "claim").map(\.user), ["carol"])
    }

    func testClaimOpenTaskByAnyone() throws {
        let (harness, id) = try start()

        let claimed = try harness.engine.claim(F.query(id, "ForAnyone"), user: F.stranger)

        XCTAssertEqual(claimed.items("ForAnyone").first?.assignee, "mallory")
    }

    func testClaimRefusesTaskAssignedToSomeoneElse() throws {
        let (harness, id) = try start()
        let before = try F.snapshot(harness, id)

        let denial = assertAccessDenied(try harness.engine.claim(F.query(id, "ForAlice"), user: F.bob))

        XCTAssertEqual(denial?.reason, "it is already claimed by alice")
        XCTAssertEqual(try F.snapshot(harness, id), before)
        XCTAssertEqual(try F.history(harness, id, action: "refused").map(\.user), ["bob"])
    }

    func testClaimRefusesUserOutsideCandidates() throws {
        let (harness, id) = try start()

        let denial = assertAccessDenied(try harness.engine.claim(F.query(id, "ForManagers"), user: F.bob))

        XCTAssertEqual(denial?.reason, "it is offered to groups managers only")
        XCTAssertNil(try F.snapshot(harness, id)?.items.first { $0.elementId == "ForManagers" }?.assignee)
    }

    func testClaimRefusesCallWithoutUser() throws {
        let (harness, id) = try start()

        let denial = assertAccessDenied(try harness.engine.claim(F.query(id, "ForAnyone"), user: nil))

        XCTAssertEqual(denial?.user, "a call without a user")
    }

    func testClaimOwnTaskChangesNothing() throws {
        let (harness, id) = try start()
        let before = try harness.engine.history(instanceId: id)

        let claimed = try harness.engine.claim(F.query(id, "ForAlice"), user: F.alice)

        XCTAssertEqual(claimed.items("ForAlice").first?.assignee, "alice")
        XCTAssertEqual(try harness.engine.history(instanceId: id), before)
    }

    func testClaimOnlyMatchesUserTasks() throws {
        let (harness, id) = try start()

        XCTAssertThrowsError(try harness.engine.claim(["id": .string(id), "items.elementId": "Join"], user: F.alice)) { error in
            guard case EngineError.noMatchingItem = error else { return XCTFail("expected noMatchingItem, got \(error)") }
        }
    }

    // MARK: Unclaiming

    func testUnclaimByAssignee() throws {
        let (harness, id) = try start()

        let unclaimed = try harness.engine.unclaim(F.query(id, "ForAlice"), user: F.alice)

        XCTAssertNil(unclaimed.items("ForAlice").first?.assignee)
        XCTAssertEqual(try F.history(harness, id, action: "unclaim").first?.data["previousAssignee"], "alice")
    }

    func testUnclaimByAdmin() throws {
        let (harness, id) = try start()

        let unclaimed = try harness.engine.unclaim(F.query(id, "ForAlice"), user: UserContext(name: "root", isAdmin: true))

        XCTAssertNil(unclaimed.items("ForAlice").first?.assignee)
    }

    func testUnclaimRefusesOtherUser() throws {
        let (harness, id) = try start()

        let denial = assertAccessDenied(try harness.engine.unclaim(F.query(id, "ForAlice"), user: F.carol))

        XCTAssertEqual(denial?.reason, "it is assigned to alice")
        XCTAssertEqual(try F.snapshot(harness, id)?.items.first { $0.elementId == "ForAlice" }?.assignee, "alice")
    }

    // MARK: Completing

    func testCompleteAsAssignee() throws {
        let (harness, id) = try start()

        let done = try harness.engine.invoke(F.query(id, "ForAlice"), user: F.alice)

        XCTAssertEqual(done.items("ForAlice").first?.status, .end)
    }

    func testCompleteAsCandidateClaimsTask() throws {
        let (harness, id) = try start()

        let done = try harness.engine.invoke(F.query(id, "ForManagers"), user: F.carol)

        let item = try XCTUnwrap(done.items("ForManagers").first)
        XCTAssertEqual(item.status, .end)
        XCTAssertEqual(item.assignee, "carol")
    }

    func testCompleteAsAdmin() throws {
        let (harness, id) = try start()

        let done = try harness.engine.invoke(F.query(id, "ForAlice"), user: UserContext(name: "root", isAdmin: true))

        XCTAssertEqual(done.items("ForAlice").first?.status, .end)
        XCTAssertEqual(done.items("ForAlice").first?.assignee, "alice")
    }

    func testCompleteOpenTaskWithoutUser() throws {
        let (harness, id) = try start()

        let done = try harness.engine.invoke(F.query(id, "ForAnyone"))

        XCTAssertEqual(done.items("ForAnyone").first?.status, .end)
        XCTAssertNil(done.items("ForAnyone").first?.assignee)
    }

    func testCompleteRefusesStranger() throws {
        let (harness, id) = try start()
        let before = try F.snapshot(harness, id)

        let denial = assertAccessDenied(try harness.engine.invoke(F.query(id, "ForBob"), data: ["x": 1], user: F.stranger))

        XCTAssertEqual(denial?.reason, "it is offered to users bob only")
        XCTAssertEqual(try F.snapshot(harness, id), before)
    }

    // MARK: Assigning

    func testReassignByAssignee() throws {
        let (harness, id) = try start()

        let changed = try harness.engine.assign(F.query(id, "ForAlice"), assignment: ["assignee": "bob"], user: F.alice)

        XCTAssertEqual(changed.items("ForAlice").first?.assignee, "bob")
    }

    func testReassignRefusesOtherUser() throws {
        let (harness, id) = try start()

        let denial = assertAccessDenied(
            try harness.engine.assign(F.query(id, "ForAlice"), assignment: ["assignee": "bob"], user: F.bob))

        XCTAssertEqual(denial?.action, "reassign")
        XCTAssertEqual(try F.snapshot(harness, id)?.items.first { $0.elementId == "ForAlice" }?.assignee, "alice")
    }

    func testChangeRefusesOtherUserOnAssignedTask() throws {
        let (harness, id) = try start()

        let denial = assertAccessDenied(
            try harness.engine.assign(F.query(id, "ForAlice"), assignment: ["priority": 99], user: F.carol))

        XCTAssertEqual(denial?.action, "change")
    }

    func testAssignUnassignedTaskByCandidate() throws {
        let (harness, id) = try start()

        let changed = try harness.engine.assign(F.query(id, "ForManagers"), assignment: ["assignee": "bob"], user: F.carol)

        XCTAssertEqual(changed.items("ForManagers").first?.assignee, "bob")
    }

    func testAssignRefusesNonNumericPriority() throws {
        let (harness, id) = try start()

        XCTAssertThrowsError(
            try harness.engine.assign(F.query(id, "ForAlice"), assignment: ["priority": "urgent"], user: F.alice)
        ) { error in
            XCTAssertTrue("\(error)".contains("priority must be a number such as 50"), "\(error)")
        }
    }

    func testAssignStoresNumericStringPriorityAsNumber() throws {
        let (harness, id) = try start()

        let changed = try harness.engine.assign(F.query(id, "ForAlice"), assignment: ["priority": "70"], user: F.alice)

        XCTAssertEqual(changed.items("ForAlice").first?.priority, 70)
    }

    func testAssignRefusesInvalidDueDate() throws {
        let (harness, id) = try start()

        XCTAssertThrowsError(
            try harness.engine.assign(F.query(id, "ForAlice"), assignment: ["dueDate": "next week"], user: F.alice)
        ) { error in
            XCTAssertTrue("\(error)".contains("dueDate 'next week' is not an ISO 8601 date"), "\(error)")
        }
    }

    func testAssignRefusesEmptyAssignee() throws {
        let (harness, id) = try start()

        XCTAssertThrowsError(
            try harness.engine.assign(F.query(id, "ForAlice"), assignment: ["assignee": " "], user: F.alice)
        ) { error in
            XCTAssertTrue("\(error)".contains("null to remove the assignee"), "\(error)")
        }
    }

    // MARK: Tenants

    func testTenantUserStartsInstanceOfTenant() throws {
        let harness = try F.harness()
        try harness.engine.saveUser(UserRecord(name: "tina", groups: ["managers"], tenantId: "north"), by: .system)

        let started = try harness.engine.start(F.modelName, user: UserContext(name: "tina"))

        XCTAssertEqual(started.instance.tenantId, "north")
    }

    func testTenantIsolationOfTasksAndInstances() throws {
        let harness = try F.harness()
        let north = UserContext(name: "nina", groups: ["managers"], tenantId: "north")
        let south = UserContext(name: "sam", groups: ["managers"], tenantId: "south")
        let northId = try harness.engine.start(F.modelName, user: north).id
        let southId = try harness.engine.start(F.modelName, user: south).id

        let northTasks = try harness.engine.tasks(view: .all, user: north).map(\.item.instanceId)
        let northInstances = try harness.engine.findInstances(.emptyObject, user: north).map(\.id)
        let plainInstances = try harness.engine.findInstances(.emptyObject, user: F.carol).map(\.id)

        XCTAssertEqual(Set(northTasks), [northId])
        XCTAssertEqual(northInstances, [northId])
        XCTAssertEqual(plainInstances, [])
        XCTAssertEqual(Set(try harness.engine.findInstances(.emptyObject, user: .system).map(\.id)), [northId, southId])
    }

    func testTenantUserCannotCompleteOtherTenantTask() throws {
        let harness = try F.harness()
        let north = UserContext(name: "nina", groups: ["managers"], tenantId: "north")
        let southId = try harness.engine.start(F.modelName, user: UserContext(name: "sam", tenantId: "south")).id

        XCTAssertThrowsError(try harness.engine.invoke(F.query(southId, "ForAnyone"), user: north)) { error in
            guard case EngineError.noMatchingItem = error else { return XCTFail("expected noMatchingItem, got \(error)") }
        }
    }

    // MARK: Read-only

    func testReadOnlyRejectsEveryChange() throws {
        let harness = try F.harness()
        let id = try harness.engine.start(F.modelName, user: F.alice).id
        let readOnly = WorkflowEngine(
            store: harness.engine.store, clock: harness.clock, options: EngineOptions(readOnly: true))
        let before = try F.snapshot(harness, id)
        let historyBefore = try harness.engine.history(instanceId: id)

        let calls: [(String, () throws -> Void)] = [
            ("start", { _ = try readOnly.start(F.modelName, user: F.alice) }),
            ("invoke", { _ = try readOnly.invoke(F.query(id, "ForAlice"), user: F.alice) }),
            ("assign", { _ = try readOnly.assign(F.query(id, "ForAlice"), assignment: ["priority": 1], user: F.alice) }),
            ("claim", { _ = try readOnly.claim(F.query(id, "ForAnyone"), user: F.alice) }),
            ("unclaim", { _ = try readOnly.unclaim(F.query(id, "ForAlice"), user: F.alice) }),
            ("user add", { try readOnly.saveUser(UserRecord(name: "x", isAdmin: true), by: .system) }),
        ]
        for (operation, call) in calls {
            XCTAssertThrowsError(try call(), operation) { error in
                XCTAssertEqual(error as? EngineError, .readOnly(operation: operation))
            }
        }
        XCTAssertEqual(try F.snapshot(harness, id), before)
        XCTAssertEqual(try harness.engine.history(instanceId: id), historyBefore)
        XCTAssertEqual(try readOnly.tasks(view: .mine, user: F.alice).count, 1)
    }

    func testReadOnlyMessageNamesTheOption() {
        let message = EngineError.readOnly(operation: "invoke").description

        XCTAssertTrue(message.hasPrefix("the database is open read-only (--read-only)"), message)
    }
}

extension AccessRuleTests {
    func testStartEventFollowsCompleteRules() throws {
        let (harness, id) = try start()

        let denial = assertAccessDenied(try harness.engine.startEvent(instanceId: id, elementId: "ForAlice", user: F.bob))
        let done = try harness.engine.startEvent(instanceId: id, elementId: "ForManagers", user: F.carol)

        XCTAssertEqual(denial?.reason, "it is assigned to alice")
        XCTAssertEqual(done.items("ForManagers").first?.status, .end)
        XCTAssertEqual(done.items("ForManagers").first?.assignee, "carol")
    }

    func testStartEventHidesOtherTenantInstance() throws {
        let harness = try F.harness()
        let southId = try harness.engine.start(F.modelName, user: UserContext(name: "sam", tenantId: "south")).id

        XCTAssertThrowsError(
            try harness.engine.startEvent(instanceId: southId, elementId: "ForAnyone", user: UserContext(name: "nina", tenantId: "north"))
        ) { error in
            guard case EngineError.instanceNotFound = error else { return XCTFail("expected instanceNotFound, got \(error)") }
        }
    }
}
