import XCTest
final class PDecisionTablesTests: XCTestCase { func testNothing() {} }
