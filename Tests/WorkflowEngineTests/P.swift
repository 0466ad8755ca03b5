import XCTest
final class PWorkflowEngineTests: XCTestCase { func testNothing() {} }
