import XCTest
final class PInboxUITests: XCTestCase { func testNothing() {} }
