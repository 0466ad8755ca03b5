import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// The Instances pane of a user recorded with a tenant lists only that tenant's instances, and
/// its total counts only those, against a real SQLite file.
final class TenantPaneTests: XCTestCase {
    /// Returns an inbox for alice of tenant north, with one instance of north and two of south.
    private func twoTenantDriver() throws -> (driver: InboxDriver, northId: String) {
        let driver = try InboxDriver(models: [("Review", ReviewModel.source)])
        try driver.engine.saveUser(UserRecord(name: "alice", groups: [], tenantId: "north"), by: .system)
        let northId = try driver.engine.start("Review", user: UserContext(name: "alice")).id
        let south = UserContext(name: "sam", tenantId: "south")
        _ = try driver.engine.start("Review", user: south)
        _ = try driver.engine.start("Review", user: south)
        driver.app.controller.refresh()
        return (driver, northId)
    }

    func testInstancesPaneListsOnlyUsersTenant() throws {
        let (driver, northId) = try twoTenantDriver()

        XCTAssertEqual(driver.state.instances.map(\.id), [northId])
    }

    func testInstanceTotalCountsOnlyUsersTenant() throws {
        let (driver, _) = try twoTenantDriver()

        XCTAssertEqual(driver.state.instanceTotal, 1)
    }

    func testAdminWithoutTenantListsEveryTenant() throws {
        let driver = try InboxDriver(models: [("Review", ReviewModel.source)])
        try driver.engine.saveUser(UserRecord(name: "alice", groups: [], isAdmin: true), by: .system)
        _ = try driver.engine.start("Review", user: UserContext(name: "nina", tenantId: "north"))
        _ = try driver.engine.start("Review", user: UserContext(name: "sam", tenantId: "south"))

        driver.app.controller.refresh()

        XCTAssertEqual(driver.state.instances.count, 2)
    }
}
