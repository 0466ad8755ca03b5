import XCTest
final class PBPMNModelTests: XCTestCase { func testNothing() {} }
