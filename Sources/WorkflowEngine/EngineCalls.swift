import BPMNModel
import Foundation

extension WorkflowEngine {
    /// Starts an instance of the newest version of `modelName` and runs it until every
    /// token waits or ends.
    /// - Parameters:
    ///   - data: the initial instance data (a JSON object).
    ///   - user: the caller; its name goes on the created items and `camunda:initiator`.
    /// - Throws: `EngineError`; nothing is stored when it throws.
    public func start(
        _ modelName: String, data: JSONValue = .emptyObject, user: UserContext? = nil,
        options: StartOptions = StartOptions()
    ) throws -> Execution {
        throw EngineError.storeFailed(reason: "start is not available yet")
    }

    /// Completes the one waiting item that `query` matches, merges `data` into the item's
    /// scope and runs the instance on.
    /// - Throws: `EngineError.noMatchingItem` or `.ambiguousItems` unless exactly one waiting
    ///   item matches; script and gateway errors roll the whole call back.
    public func invoke(_ query: JSONValue, data: JSONValue = .emptyObject, user: UserContext? = nil) throws -> Execution {
        throw EngineError.storeFailed(reason: "invoke is not available yet")
    }

    /// Changes the assignment fields of the one waiting item that `query` matches and merges
    /// `data` into the instance's root data. Allowed keys: assignee, candidateUsers,
    /// candidateGroups, dueDate, followUpDate, priority.
    public func assign(
        _ query: JSONValue, data: JSONValue = .emptyObject, assignment: JSONValue,
        user: UserContext? = nil
    ) throws -> Execution {
        throw EngineError.storeFailed(reason: "assign is not available yet")
    }
}
