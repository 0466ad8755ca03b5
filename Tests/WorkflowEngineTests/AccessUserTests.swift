import Foundation
import WorkflowEngine
import XCTest

/// Recording users, the bootstrap of a new database, the admin group and impersonation.
final class AccessUserTests: XCTestCase {
    func testFirstUserMustBeAdmin() throws {
        let harness = try EngineHarness()

        XCTAssertThrowsError(try harness.engine.saveUser(UserRecord(name: "alice"), by: UserContext(name: "alice"))) { error in
            XCTAssertTrue("\(error)".contains("the first user must be an admin"), "\(error)")
        }
        XCTAssertEqual(try harness.engine.listUsers(by: .system), [])
    }

    func testBootstrapAllowsAnyoneUntilFirstUser() throws {
        let harness = try EngineHarness()

        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: UserContext(name: "someone"))

        XCTAssertEqual(try harness.engine.listUsers(by: UserContext(name: "alice")).map(\.name), ["alice"])
    }

    func testNonAdminCannotRecordUsers() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)

        let denial = assertAccessDenied(try harness.engine.saveUser(UserRecord(name: "bob"), by: UserContext(name: "bob")))

        XCTAssertEqual(denial?.target, "the users")
        XCTAssertEqual(try harness.engine.listUsers(by: .system).map(\.name), ["alice"])
    }

    func testAdminRecordsAndUpdatesUser() throws {
        let harness = try EngineHarness()
        let alice = UserContext(name: "alice")
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)

        try harness.engine.saveUser(UserRecord(name: "bob", groups: ["b", "a", "a"]), by: alice)
        try harness.engine.saveUser(UserRecord(name: "bob", groups: ["c"], tenantId: "north"), by: alice)

        let bob = try XCTUnwrap(harness.engine.listUsers(by: alice).first { $0.name == "bob" })
        XCTAssertEqual(bob.groups, ["c"])
        XCTAssertEqual(bob.tenantId, "north")
        XCTAssertEqual(UserRecord(name: "x", groups: ["b", "a", "a"]).groups, ["a", "b"])
    }

    func testAdminGroupMemberManagesUsers() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)

        try harness.engine.saveUser(UserRecord(name: "bob"), by: UserContext(name: "root", groups: ["bpmn-admin"]))

        XCTAssertEqual(try harness.engine.listUsers(by: .system).map(\.name), ["alice", "bob"])
    }

    func testAdminGroupSettingReplacesDefault() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)

        try harness.engine.setAdminGroup("ops", by: UserContext(name: "alice"))

        XCTAssertEqual(try harness.engine.adminGroup(), "ops")
        XCTAssertTrue(try harness.engine.mayManageUsers(UserContext(name: "o", groups: ["ops"])))
        XCTAssertFalse(try harness.engine.mayManageUsers(UserContext(name: "o", groups: ["bpmn-admin"])))
    }

    func testRemoveUser() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)
        try harness.engine.saveUser(UserRecord(name: "bob", groups: ["x"]), by: .system)

        try harness.engine.removeUser(named: "bob", by: UserContext(name: "alice"))

        XCTAssertEqual(try harness.engine.listUsers(by: .system).map(\.name), ["alice"])
        XCTAssertEqual(try harness.engine.accessScope(for: UserContext(name: "bob")).groups, [])
    }

    func testRemoveRefusesLastAdminWhileOthersRemain() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)
        try harness.engine.saveUser(UserRecord(name: "bob"), by: .system)

        XCTAssertThrowsError(try harness.engine.removeUser(named: "alice", by: .system)) { error in
            XCTAssertTrue("\(error)".contains("the only recorded admin"), "\(error)")
        }
    }

    func testRemoveUnknownUserNamesIt() throws {
        let harness = try EngineHarness()

        XCTAssertThrowsError(try harness.engine.removeUser(named: "ghost", by: .system)) { error in
            XCTAssertEqual(error as? EngineError, .userNotFound(name: "ghost"))
        }
    }

    func testInvalidNamesAreRejected() throws {
        let harness = try EngineHarness()
        let cases: [(UserRecord, String)] = [
            (UserRecord(name: "", isAdmin: true), "the user name is empty"),
            (UserRecord(name: " al", isAdmin: true), "starts or ends with a space"),
            (UserRecord(name: "a,b", isAdmin: true), "contains a comma"),
            (UserRecord(name: "al", groups: [""], isAdmin: true), "the group name is empty"),
        ]
        for (record, expected) in cases {
            XCTAssertThrowsError(try harness.engine.saveUser(record, by: .system)) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testImpersonationNeedsAdminOnceUsersExist() throws {
        let harness = try EngineHarness()
        let before = try harness.engine.mayImpersonate(UserContext(name: "bob"))
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)

        XCTAssertTrue(before)
        XCTAssertFalse(try harness.engine.mayImpersonate(UserContext(name: "bob")))
        XCTAssertTrue(try harness.engine.mayImpersonate(UserContext(name: "alice")))
    }

    func testImpersonationAllowedOnDemoDatabase() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)
        try harness.engine.store.writeTransaction { try harness.engine.store.setSetting("demo", value: "true") }

        XCTAssertTrue(try harness.engine.mayImpersonate(UserContext(name: "bob")))
    }

    func testScopeAddsRecordedGroupsAdminAndTenant() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", groups: ["db"], isAdmin: true, tenantId: "north"), by: .system)

        let scope = try harness.engine.accessScope(for: UserContext(name: "alice", groups: ["unix"]))

        XCTAssertEqual(scope.groups, ["db", "unix"])
        XCTAssertTrue(scope.isAdmin)
        XCTAssertEqual(scope.tenantId, "north")
        XCTAssertFalse(scope.seesAllTenants)
    }
}

extension AccessUserTests {
    func testSaveRefusesDemotingOnlyAdmin() throws {
        let harness = try EngineHarness()
        try harness.engine.saveUser(UserRecord(name: "alice", isAdmin: true), by: .system)

        XCTAssertThrowsError(try harness.engine.saveUser(UserRecord(name: "alice"), by: .system)) { error in
            XCTAssertTrue("\(error)".contains("the only recorded admin"), "\(error)")
        }
        XCTAssertEqual(try harness.engine.listUsers(by: .system).first?.isAdmin, true)
    }
}
