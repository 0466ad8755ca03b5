import Foundation
import XCTest

/// `user add`, `user list`, `user remove`, `config get` and `config set`.
final class UserCommandTests: XCTestCase {
    private var cli: CLIRunner!
    private let login = AccessCommandTests.loginName

    override func setUpWithError() throws {
        cli = try CLIRunner()
    }

    override func tearDown() {
        cli = nil
    }

    private func users() throws -> [[String: Any]] {
        let listed = try cli.run(["user", "list", "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        return try XCTUnwrap(try listed.json() as? [[String: Any]])
    }

    func testFirstUserMustBeAdmin() throws {
        let result = try cli.run(["user", "add", "alice"])

        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertTrue(result.stderr.contains("the first user must be an admin"), result.stderr)
    }

    func testAddListAndRemove() throws {
        let first = try cli.run(["user", "add", login, "--admin"])
        let second = try cli.run(["user", "add", "alice", "--groups", "sales,managers", "--tenant", "north", "--json"])
        let listedText = try cli.run(["user", "list"])

        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(second.status, 0, second.stderr)
        let alice = try XCTUnwrap(try users().first { $0["name"] as? String == "alice" })
        XCTAssertEqual(alice["groups"] as? [String], ["managers", "sales"])
        XCTAssertEqual(alice["isAdmin"] as? Bool, false)
        XCTAssertEqual(alice["tenantId"] as? String, "north")
        XCTAssertTrue(listedText.stdout.contains("managers,sales"), listedText.stdout)

        let removed = try cli.run(["user", "remove", "alice"])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try users().map { $0["name"] as? String }, [login])
    }

    func testAddReplacesRecordedUser() throws {
        _ = try cli.run(["user", "add", login, "--admin"])
        _ = try cli.run(["user", "add", "alice", "--groups", "sales"])

        let updated = try cli.run(["user", "add", "alice", "--groups", "support"])

        XCTAssertTrue(updated.stdout.hasPrefix("Updated user alice"), updated.stdout)
        let alice = try XCTUnwrap(try users().first { $0["name"] as? String == "alice" })
        XCTAssertEqual(alice["groups"] as? [String], ["support"])
    }

    func testRecordedGroupsGrantTasks() throws {
        _ = try cli.run(["user", "add", login, "--groups", "reviewers", "--admin"])
        let path = try cli.writeFile("Review.bpmn", AccessCommandTests.model)
        _ = try cli.run(["model", "import", path])
        _ = try cli.run(["start", "Review"])

        let count = try cli.run(["count"])

        XCTAssertEqual(count.stdout, "0 mine, 1 groups, 0 overdue\n", count.stderr)
    }

    func testUserCommandsNeedAdminOnceUsersExist() throws {
        _ = try cli.run(["user", "add", "boss", "--admin"])

        let add = try cli.run(["user", "add", "eve", "--admin"])
        let list = try cli.run(["user", "list"])
        let remove = try cli.run(["user", "remove", "boss"])

        XCTAssertEqual(add.status, 4, add.stderr)
        XCTAssertTrue(add.stderr.contains("may not manage the users"), add.stderr)
        XCTAssertEqual(list.status, 4, list.stderr)
        XCTAssertEqual(remove.status, 4, remove.stderr)
    }

    func testRemoveUnknownUserFails() throws {
        _ = try cli.run(["user", "add", login, "--admin"])

        let result = try cli.run(["user", "remove", "ghost"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("user 'ghost' is not recorded"), result.stderr)
    }

    func testInvalidUserNameFails() throws {
        let result = try cli.run(["user", "add", "a,b", "--admin"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("contains a comma"), result.stderr)
    }

    func testConfigSetAndGetAdminGroup() throws {
        let before = try cli.run(["config", "get", "admin-group"])
        let set = try cli.run(["config", "set", "admin-group", "ops"])
        let after = try cli.run(["config", "get", "admin-group"])

        XCTAssertEqual(before.stdout, "bpmn-admin\n")
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertEqual(after.stdout, "ops\n")
    }

    func testConfigRejectsUnknownKey() throws {
        let result = try cli.run(["config", "set", "admin-grup", "ops"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown setting 'admin-grup'; did you mean 'admin-group'?"), result.stderr)
    }

    func testUserGroupHelpListsSubcommands() throws {
        let result = try cli.run(["user", "--help"])

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("add"), result.stdout)
        XCTAssertTrue(result.stdout.contains("remove"), result.stdout)
    }
}

extension UserCommandTests {
    func testModelTenantHidesModelFromOtherTenants() throws {
        _ = try cli.run(["user", "add", login, "--admin"])
        _ = try cli.run(["user", "add", "nina", "--tenant", "north"])
        _ = try cli.run(["user", "add", "sam", "--tenant", "south"])
        let path = try cli.writeFile("Review.bpmn", AccessCommandTests.model)
        _ = try cli.run(["model", "import", path])

        let set = try cli.run(["model", "tenant", "Review", "--tenant", "north"])
        let forNina = try cli.run(["--user", "nina", "model", "list", "--json"])
        let forSam = try cli.run(["--user", "sam", "model", "list", "--json"])
        let samStart = try cli.run(["--user", "sam", "start", "Review"])

        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertEqual(set.stdout, "Model 'Review' belongs to tenant 'north'.\n")
        XCTAssertEqual(try XCTUnwrap(try forNina.json() as? [Any]).count, 1)
        XCTAssertEqual(try XCTUnwrap(try forSam.json() as? [Any]).count, 0)
        XCTAssertEqual(samStart.status, 1, samStart.stderr)
        XCTAssertTrue(samStart.stderr.contains("model 'Review' not found"), samStart.stderr)
        XCTAssertFalse(samStart.stderr.contains("did you mean"), samStart.stderr)
    }

    func testEmptyUserNameIsUsageError() throws {
        let result = try cli.run(["user", "add", ""])

        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("argument NAME is empty"), result.stderr)
    }
}
