import BPMNModel

/// The reason an engine call failed. Every failed call leaves the database as it was before.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    case modelNotFound(name: String)
    case invalidModel(name: String, reason: String)
    case startNodeNotFound(model: String, nodeId: String)
    case noStartEvent(model: String)
    case instanceNotFound(query: String)
    case noMatchingItem(query: String)
    case ambiguousItems(query: String, count: Int)
    case itemNotWaiting(itemId: String, elementId: String, status: String)
    case invalidQuery(QueryError)
    case invalidData(reason: String)
    case invalidAssignment(key: String)
    case scriptFailed(elementId: String, message: String)
    case scriptTimedOut(elementId: String, seconds: Double)
    case noFlowTaken(gatewayId: String)
    case unsupportedElement(elementId: String, type: String)
    case invalidDate(elementId: String, attribute: String, value: String)
    /// More than `steps` token steps in one call, which was rolled back. `instanceId` is nil
    /// when the call was starting the instance, because no instance of that id was stored.
    /// `elementId` is the element whose step went over the limit.
    case executionLimitExceeded(instanceId: String?, model: String, elementId: String, steps: Int)
    case ambiguousReceivers(event: String, count: Int)
    case instanceNotRunning(instanceId: String, status: String)
    case eventLoop(event: String, depth: Int)
    case invalidLoop(elementId: String, reason: String)
    case validationFailed(elementId: String, message: String)
    case serviceNotFound(elementId: String, service: String, searched: String)
    case serviceLoadFailed(file: String, message: String)
    case decisionNotFound(elementId: String, decision: String)
    case noFailedItem(query: String)
    case decisionFailed(elementId: String, decision: String, message: String)
    case storeFailed(reason: String)
    /// Data over `EngineOptions.maximumDataBytes`; `what` names the data (the call's input
    /// or the instance data the call would leave).
    case dataTooLarge(what: String, bytes: Int, limit: Int)
    /// Data nested deeper than `EngineOptions.maximumDataDepth`.
    case dataTooDeep(what: String, limit: Int)
    /// A condition in a language this engine does not evaluate (XPath, FEEL, JUEL, Groovy…).
    case unsupportedExpressionLanguage(elementId: String, language: String, expression: String)
    /// The access rules forbid the call; the denial names the user, the item and the rule.
    case accessDenied(AccessDenial)
    /// The engine was opened with `EngineOptions.readOnly`; `operation` names the call.
    case readOnly(operation: String)
    case userNotFound(name: String)
    case invalidUser(name: String, reason: String)

    public var description: String {
        switch self {
        case .modelNotFound(let name):
            return "model '\(name)' not found; list the models with 'bpmn-inbox model list' "
                + "or import one with 'bpmn-inbox model import FILE'"
        case let .invalidModel(name, reason):
            return "model '\(name)' cannot be loaded: \(reason)"
        case let .startNodeNotFound(model, nodeId):
            return "model '\(model)' has no element '\(nodeId)' to start at"
        case .noStartEvent(let model):
            return "model '\(model)' has no start event; give a start node id with startNodeId"
        case .instanceNotFound(let query):
            return "no instance matches \(query)"
        case .noMatchingItem(let query):
            return "no waiting item matches \(query); check the ids with 'bpmn-inbox items' "
                + "or 'bpmn-inbox tasks'"
        case let .ambiguousItems(query, count):
            return "\(count) waiting items match \(query), expected exactly one; narrow the "
                + "query with \"items.id\" or add \"id\" (the instance id)"
        case let .itemNotWaiting(itemId, elementId, status):
            return "item \(itemId) ('\(elementId)') is not waiting (status \(status)); only "
                + "waiting items can be invoked"
        case .invalidQuery(let error):
            return error.description
        case .invalidData(let reason):
            return "invalid data: \(reason)"
        case .invalidAssignment(let key):
            return "invalid assignment key '\(key)'; allowed keys: assignee, candidateUsers, "
                + "candidateGroups, dueDate, followUpDate, priority"
        case let .scriptFailed(elementId, message):
            return "script of '\(elementId)' failed: \(message)"
        case let .scriptTimedOut(elementId, seconds):
            return "script of '\(elementId)' ran longer than \(JSONValue.format(number: seconds)) s "
                + "and was stopped; the call was rolled back"
        case .noFlowTaken(let gatewayId):
            return "gateway '\(gatewayId)' has no outgoing flow whose condition holds and no "
                + "default flow; fix the data or add a default flow to the model"
        case let .unsupportedElement(elementId, type):
            return "element '\(elementId)' of type \(type) is not supported by this engine"
        case let .invalidDate(elementId, attribute, value):
            return "invalid \(attribute) '\(value)' on '\(elementId)': expected an ISO 8601 "
                + "date (2024-05-01, 2024-05-01T12:00:00Z) or duration (P10D, PT4H)"
        case let .executionLimitExceeded(instanceId?, model, elementId, steps):
            return "instance \(instanceId) of model '\(model)' took more than \(steps) steps in one call "
                + "and stopped at element '\(elementId)', so the call was rolled back. The model probably "
                + "loops without a wait state: give the loop an exit condition or a wait state such as a user task"
        case let .executionLimitExceeded(nil, model, elementId, steps):
            return "starting model '\(model)' took more than \(steps) steps in one call and stopped at "
                + "element '\(elementId)', so the start was rolled back and no instance was created. The model "
                + "probably loops without a wait state: give the loop an exit condition or a wait state such "
                + "as a user task"
        case let .ambiguousReceivers(event, count):
            return "\(count) receivers wait for '\(event)'; give a matching key such as "
                + "{\"data.orderId\": \"A-1\"} to pick one, or deliver to all of them"
        case let .instanceNotRunning(instanceId, status):
            return "instance \(instanceId) is not running (status \(status))"
        case let .eventLoop(event, depth):
            return "events thrown by models kept triggering each other more than \(depth) levels deep "
                + "(last '\(event)'); the call was rolled back. Check the models for a message or signal loop"
        case let .invalidLoop(elementId, reason):
            return "multi-instance '\(elementId)' cannot start: \(reason); give camunda:collection a list "
                + "(such as $(data.items)) or loopCardinality a count"
        case let .validationFailed(elementId, message):
            return "'\(elementId)' rejected the data: \(message)"
        case let .serviceNotFound(elementId, service, searched):
            return "service '\(service)' called by '\(elementId)' is not defined in \(searched); add "
                + "services.\(service) = (input, context) => ... to a .js file there (services load when "
                + "bpmn-inbox starts, so restart an open inbox)"
        case let .serviceLoadFailed(file, message):
            return "services file \(file) failed to load: \(message)"
        case let .decisionNotFound(elementId, decision):
            return "decision '\(decision)' named by '\(elementId)' is not in any imported DMN model; "
                + "import the .dmn file with 'bpmn-inbox model import FILE'"
        case let .decisionFailed(elementId, decision, message):
            return "decision '\(decision)' of '\(elementId)' failed: \(message)"
        case .noFailedItem(let query):
            return "no failed item matches \(query); incidents are items with status failed, listed by "
                + "'bpmn-inbox items' with {\"items.status\": \"failed\"}"
        case .storeFailed(let reason):
            return "database error: \(reason)"
        case let .dataTooLarge(what, bytes, limit):
            return "\(what) is \(DataLimits.describe(bytes: bytes)), over the limit of \(DataLimits.describe(bytes: limit)); "
                + "nothing was stored. Keep large documents outside the instance and store a reference "
                + "(a file name or URL), or raise EngineOptions.maximumDataBytes"
        case let .dataTooDeep(what, limit):
            return "\(what) nests arrays and objects more than \(limit) levels deep; nothing was stored. "
                + "Flatten the data"
        case let .unsupportedExpressionLanguage(elementId, language, expression):
            return "the condition of '\(elementId)' is written in \(language) ('\(expression)'), which this "
                + "engine does not evaluate; rewrite it as a JavaScript expression such as $(data.approved == true)"
        case .accessDenied(let denial):
            return denial.description
        case .readOnly(let operation):
            return "the database is open read-only (--read-only), so '\(operation)' was rejected and "
                + "nothing changed; run the command without --read-only to make changes"
        case .userNotFound(let name):
            return "user '\(name)' is not recorded in the database; list the users with "
                + "'bpmn-inbox user list' or add one with 'bpmn-inbox user add \(name)'"
        case let .invalidUser(name, reason):
            return "invalid user '\(name)': \(reason)"
        }
    }
}
