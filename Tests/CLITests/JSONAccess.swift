import Foundation
import XCTest

/// Typed access to `JSONSerialization` output, failing the test with the path on a mismatch.
struct JSONAccessError: Error, CustomStringConvertible {
    var description: String
}

func object(_ value: Any?, _ label: String = "value") throws -> [String: Any] {
    guard let object = value as? [String: Any] else {
        throw JSONAccessError(description: "\(label) is not a JSON object: \(String(describing: value))")
    }
    return object
}

func array(_ value: Any?, _ label: String = "value") throws -> [Any] {
    guard let array = value as? [Any] else {
        throw JSONAccessError(description: "\(label) is not a JSON array: \(String(describing: value))")
    }
    return array
}

/// Returns the items of a start, invoke or assign result.
func items(of execution: [String: Any]) throws -> [[String: Any]] {
    try array(execution["items"], "items").map { try object($0, "item") }
}

/// Returns the first item with this element id in execution order, as bpmn-server's tests pick it.
func firstItem(_ elementId: String, in items: [[String: Any]]) throws -> [String: Any] {
    guard let item = items.first(where: { $0["elementId"] as? String == elementId }) else {
        let ids = items.compactMap { $0["elementId"] as? String }
        throw JSONAccessError(description: "no item '\(elementId)' among \(ids)")
    }
    return item
}

/// Returns the sorted element ids of the items that wait.
func waitingElementIds(_ items: [[String: Any]]) -> [String] {
    items.filter { $0["status"] as? String == "wait" }.compactMap { $0["elementId"] as? String }.sorted()
}

/// Parses `2024-05-01T12:00:00.000Z`.
func isoDate(_ value: Any?) -> Date? {
    guard let text = value as? String else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}

/// Returns a JSON number or numeric string as text, for fields models write either way (`"5"`, `5`).
func numberText(_ value: Any?) -> String? {
    if let text = value as? String { return text }
    if let number = value as? NSNumber { return number.stringValue }
    return nil
}
