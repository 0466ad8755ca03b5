import BPMNModel
import Foundation

/// Running model JavaScript against an item: listeners, script tasks, conditions and
/// assignment attributes, with the results written back to the item and the data.
extension InstanceRun {
    /// Returns the item as scripts read it (`this`/`item`), with dates as ISO 8601 strings.
    func scriptView(of item: ItemRecord) -> JSONValue {
        func date(_ value: Date?) -> JSONValue { value.map { .string(ISO8601.format($0)) } ?? .null }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object([
            "id": .string(item.id), "seq": .number(Double(item.seq)), "itemKey": text(item.itemKey),
            "tokenId": .number(Double(item.tokenId)), "elementId": .string(item.elementId),
            "name": text(item.name), "type": .string(item.type), "status": .string(item.status.rawValue),
            "userName": text(item.userName), "startedAt": date(item.startedAt), "endedAt": date(item.endedAt),
            "assignee": text(item.assignee),
            "candidateUsers": .array(item.candidateUsers.map(JSONValue.string)),
            "candidateGroups": .array(item.candidateGroups.map(JSONValue.string)),
            "dueDate": date(item.dueDate), "followUpDate": date(item.followUpDate),
            "priority": item.priority, "timeDue": date(item.timeDue),
            "messageId": text(item.messageId), "signalId": text(item.signalId),
            "vars": item.vars, "instanceId": .string(instance.id),
        ])
    }

    /// Builds what a script run for `itemId` on `tokenId` sees: the item, the token's data with
    /// its enclosing scopes, the item's input and output, the instance and the clock's time.
    private func scriptScope(itemId: String, tokenId: Int) -> ScriptScope? {
        guard let item = item(itemId) else { return nil }
        var scope = ScriptScope(
            item: scriptView(of: item), data: data(of: tokenId), input: itemInputs[itemId] ?? .emptyObject,
            output: item.output, instance: instanceView, now: now)
        scope.parentScopes = parentScopes(of: tokenId)
        return scope
    }

    /// Returns the data objects enclosing a token's scope, the instance root first.
    func parentScopes(of tokenId: Int) -> [JSONValue] {
        let path = token(tokenId)?.dataPath ?? ""
        guard !path.isEmpty else { return [] }
        let parts = path.split(separator: ".").map(String.init)
        return (0..<parts.count).map { depth in
            instance.data.value(atPath: parts.prefix(depth).joined(separator: ".")) ?? .emptyObject
        }
    }

    private var instanceView: JSONValue {
        .object([
            "id": .string(instance.id), "name": .string(instance.name),
            "status": .string(instance.status.rawValue), "data": instance.data,
            "startedAt": .string(ISO8601.format(instance.startedAt)),
        ])
    }

    /// Runs JavaScript with the item's scope and writes back data, item fields and output.
    /// - Returns: the outcome, whose `thrown` the caller raises when it can.
    @discardableResult
    func runScript(_ kind: ScriptEngine.Kind, source: String, itemId: String, tokenId: Int, elementId: String) throws -> ScriptOutcome? {
        guard var scope = scriptScope(itemId: itemId, tokenId: tokenId) else { return nil }
        if source.contains("getItems") {
            scope.items = .array(try allItems().map(scriptView(of:)))
        }
        let outcome = try scripts.run(kind, source: source, scope: scope, elementId: elementId)
        apply(outcome, itemId: itemId, tokenId: tokenId, elementId: elementId)
        return outcome
    }

    /// Evaluates an expression (`$(…)`, `$data.x`, plain JS) with the item's scope.
    func evaluate(_ expression: String, itemId: String, tokenId: Int, elementId: String) throws -> JSONValue? {
        guard let scope = scriptScope(itemId: itemId, tokenId: tokenId) else { return nil }
        let outcome = try scripts.evaluate(expression: expression, scope: scope, elementId: elementId)
        apply(outcome, itemId: itemId, tokenId: tokenId, elementId: elementId)
        return outcome.value
    }

    /// Whether a flow's condition returns exactly `true` (anything else, `"yes"` or `1`
    /// included, does not take the flow). Evaluated with the current item of the token.
    func conditionHolds(_ flow: SequenceFlow, tokenId: Int) throws -> Bool {
        guard let condition = flow.condition?.trimmingWhitespace(includingNewlines: true), !condition.isEmpty else {
            return true
        }
        if let language = flow.conditionLanguage, !language.isEmpty, !Self.isJavaScript(language) {
            throw EngineError.scriptFailed(elementId: flow.id, message: "condition language '\(language)' is not supported; use JavaScript")
        }
        guard let itemId = token(tokenId)?.currentItemId else { return false }
        return try evaluate(condition, itemId: itemId, tokenId: tokenId, elementId: flow.id) == .bool(true)
    }

    /// Writes back what the script changed, because parts the outcome leaves out are unchanged.
    /// The item is marked changed either way, so the rows a call writes do not depend on what
    /// its scripts changed.
    private func apply(_ outcome: ScriptOutcome, itemId: String, tokenId: Int, elementId: String) {
        if let data = outcome.data { setData(data, of: tokenId) }
        if !outcome.messageMatchingKey.isNull { pendingMatchingKey = outcome.messageMatchingKey }
        if outcome.loopEnded { endLoop(forIteration: tokenId) }
        if let input = outcome.input?.objectValue, !input.isEmpty || itemInputs[itemId] != nil {
            itemInputs[itemId] = .object(input)
        }
        for line in outcome.logs {
            note("log", itemId: itemId, elementId: elementId, message: line.level == "log" ? line.message : "\(line.level): \(line.message)")
        }
        if let output = outcome.output {
            updateItem(itemId) { $0.output = output }
        }
        guard let view = outcome.item else { return markChanged(itemId) }
        updateItem(itemId) { item in
            item.assignee = view["assignee"]?.stringValue
            item.candidateUsers = Self.names(view["candidateUsers"])
            item.candidateGroups = Self.names(view["candidateGroups"])
            item.priority = view["priority"] ?? .null
            item.vars = view["vars"] ?? .emptyObject
            if let text = view["dueDate"]?.stringValue, let date = ISO8601.parseDate(text) { item.dueDate = date }
            if view["dueDate"] == .null { item.dueDate = nil }
            if let text = view["followUpDate"]?.stringValue, let date = ISO8601.parseDate(text) { item.followUpDate = date }
            if view["followUpDate"] == .null { item.followUpDate = nil }
        }
    }

    /// Reads a candidate list from JSON: an array of names, or one comma-separated string.
    static func names(_ value: JSONValue?) -> [String] {
        switch value {
        case .array(let values)?:
            return values.compactMap { $0.stringValue ?? $0.numberValue.map { JSONValue.format(number: $0) } }
        case .string(let text)?:
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default:
            return []
        }
    }

    // MARK: - Listeners

    /// Runs the node's inline-script listeners for `event` (`start`, `end` for execution
    /// listeners; `create`, `complete` for task listeners), in document order.
    func runListeners(of node: FlowNode, event: String, itemId: String, tokenId: Int) throws {
        for listener in node.listeners where listener.event == event {
            guard let script = listener.script else {
                note("warning", itemId: itemId, elementId: node.id,
                     message: "listener '\(listener.javaReference ?? event)' on '\(node.id)' is not a script and was skipped")
                continue
            }
            if let format = listener.scriptFormat, !Self.isJavaScript(format) {
                throw EngineError.scriptFailed(elementId: node.id, message: "listener script format '\(format)' is not supported; use JavaScript")
            }
            let outcome = try runScript(.body, source: script, itemId: itemId, tokenId: tokenId, elementId: node.id)
            if let thrown = outcome?.thrown {
                // TODO: errors and escalations raised by listeners are recorded, not raised.
                note("warning", itemId: itemId, elementId: node.id,
                     message: "listener on '\(node.id)' raised \(thrown.kind.rawValue) '\(thrown.code ?? "")', which only script tasks and end events can raise")
            }
        }
    }

    /// Calls the service a service, send or business rule task names, with the item's `input`;
    /// the return value becomes the item's `output`.
    /// - Returns: the BPMN error or escalation the service raised, if any.
    /// - Throws: `EngineError.serviceNotFound` naming the service and where services are loaded
    ///   from; `EngineError.scriptFailed` when the service throws.
    func callService(_ name: String, node: FlowNode, itemId: String, tokenId: Int) throws -> ThrownEvent? {
        guard let scope = scriptScope(itemId: itemId, tokenId: tokenId) else { return nil }
        let outcome = try scripts.run(.service, source: name, scope: scope, elementId: node.id)
        if let missing = outcome.missingService {
            throw EngineError.serviceNotFound(elementId: node.id, service: missing, searched: servicesLocation)
        }
        apply(outcome, itemId: itemId, tokenId: tokenId, elementId: node.id)
        if outcome.thrown == nil, let value = outcome.value {
            updateItem(itemId) { $0.output = value }
        }
        return outcome.thrown
    }

    /// Runs the `validate` listeners before a waiting item completes. A listener that returns
    /// `{error: "..."}` or throws rejects the call with that message.
    /// - Throws: `EngineError.validationFailed` naming the element and the message.
    func runValidateListeners(of node: FlowNode, itemId: String, tokenId: Int) throws {
        for listener in node.listeners where listener.event == "validate" {
            guard let script = listener.script else { continue }
            let outcome: ScriptOutcome?
            do {
                outcome = try runScript(.body, source: script, itemId: itemId, tokenId: tokenId, elementId: node.id)
            } catch EngineError.scriptFailed(_, let message) {
                throw EngineError.validationFailed(elementId: node.id, message: message)
            }
            if let error = outcome?.value?["error"], !error.isNull {
                throw EngineError.validationFailed(elementId: node.id, message: error.stringValue ?? error.jsonText)
            }
        }
    }

    /// Runs a sequence flow's `take` listeners with the flow's item as `this`.
    func runTakeListeners(of flow: SequenceFlow, itemId: String, tokenId: Int) throws {
        for listener in flow.listeners where listener.event == "take" {
            guard let script = listener.script else { continue }
            try runScript(.body, source: script, itemId: itemId, tokenId: tokenId, elementId: flow.id)
        }
    }

    /// Runs process-level execution listeners; `this` is a view of the instance.
    func runProcessListeners(_ process: BPMNModel.Process, event: String) throws {
        for listener in process.listeners where listener.event == event {
            guard let script = listener.script else { continue }
            let scope = ScriptScope(item: instanceView, data: instance.data, instance: instanceView, now: now)
            let outcome = try scripts.run(.body, source: script, scope: scope, elementId: process.id)
            if let data = outcome.data { instance.data = data }
        }
    }

    // MARK: - Assignment

    /// Evaluates the six assignment attributes of a user task, in bpmn-server's order.
    /// A value starting with `$` is an expression, `#` a function body; a value with commas
    /// is a list; anything else is literal. The lane's name joins the candidate groups.
    /// - Throws: `EngineError.invalidDate` for a due or follow-up date that is neither an
    ///   ISO 8601 date nor a duration.
    func applyAssignment(of node: FlowNode, itemId: String, tokenId: Int) throws {
        let attributes = node.assignment
        if let raw = attributes.assignee {
            let value = try attributeValue(raw, itemId: itemId, tokenId: tokenId, elementId: node.id)
            updateItem(itemId) { $0.assignee = Self.names(value).first ?? value.stringValue }
        }
        if let raw = attributes.candidateGroups {
            let value = try attributeValue(raw, itemId: itemId, tokenId: tokenId, elementId: node.id)
            updateItem(itemId) { $0.candidateGroups = Self.names(value) }
        }
        if let raw = attributes.candidateUsers {
            let value = try attributeValue(raw, itemId: itemId, tokenId: tokenId, elementId: node.id)
            updateItem(itemId) { $0.candidateUsers = Self.names(value) }
        }
        if let raw = attributes.dueDate {
            let date = try dateValue(raw, attribute: "dueDate", itemId: itemId, tokenId: tokenId, elementId: node.id)
            updateItem(itemId) { $0.dueDate = date }
        }
        if let raw = attributes.followUpDate {
            let date = try dateValue(raw, attribute: "followUpDate", itemId: itemId, tokenId: tokenId, elementId: node.id)
            updateItem(itemId) { $0.followUpDate = date }
        }
        if let raw = attributes.priority {
            let value = try attributeValue(raw, itemId: itemId, tokenId: tokenId, elementId: node.id)
            updateItem(itemId) { $0.priority = value }
        }
        // A lane whose name is only white space, such as a few line breaks, names no group.
        if let lane = node.laneName?.trimmingCharacters(in: .whitespacesAndNewlines), !lane.isEmpty {
            updateItem(itemId) { item in
                if !item.candidateGroups.contains(lane) { item.candidateGroups.append(lane) }
            }
        }
    }

    private func attributeValue(_ raw: String, itemId: String, tokenId: Int, elementId: String) throws -> JSONValue {
        let text = raw.trimmingWhitespace(includingNewlines: false)
        if text.hasPrefix("$") || text.hasPrefix("#") {
            return try evaluate(text, itemId: itemId, tokenId: tokenId, elementId: elementId) ?? .null
        }
        if text.contains(",") {
            return .array(Self.names(.string(text)).map(JSONValue.string))
        }
        return .string(text)
    }

    /// Evaluates a date attribute: an expression's result or a literal, either an ISO 8601 date
    /// or a duration from now (`P10D`). Empty and null results give no date.
    private func dateValue(_ raw: String, attribute: String, itemId: String, tokenId: Int, elementId: String) throws -> Date? {
        let value = try attributeValue(raw, itemId: itemId, tokenId: tokenId, elementId: elementId)
        guard let text = value.stringValue?.trimmingWhitespace(includingNewlines: false), !text.isEmpty else {
            if let milliseconds = value.numberValue { return Date(timeIntervalSince1970: milliseconds / 1000) }
            return nil
        }
        if let date = ISO8601.parseDate(text) ?? ISO8601.add(duration: text, to: now) { return date }
        throw EngineError.invalidDate(elementId: elementId, attribute: attribute, value: text)
    }

    /// Reads a timer definition into a schedule. Values may be expressions (`$(data.delay)`),
    /// evaluated with the item's scope.
    /// - Throws: `EngineError.invalidDate` naming the element and the value when it is no
    ///   ISO 8601 date, duration, repeating interval or cron expression.
    func timerSchedule(of timer: TimerDefinition, elementId: String, itemId: String, tokenId: Int) throws -> TimerSchedule? {
        guard let entry = timer.scheduleValue else { return nil }
        let text = try expandTimerValue(entry.text, itemId: itemId, tokenId: tokenId, elementId: elementId)
        guard let schedule = TimerSchedule.parse(text, kind: entry.kind) else {
            throw EngineError.invalidDate(elementId: elementId, attribute: entry.kind, value: text)
        }
        return schedule
    }

    /// Computes the first due time of a timer definition armed now.
    func dueDate(of timer: TimerDefinition, elementId: String, itemId: String, tokenId: Int) throws -> Date? {
        try timerSchedule(of: timer, elementId: elementId, itemId: itemId, tokenId: tokenId)?.firstDue(after: now)
    }

    private func expandTimerValue(_ raw: String, itemId: String, tokenId: Int, elementId: String) throws -> String {
        let text = raw.trimmingWhitespace(includingNewlines: true)
        guard text.hasPrefix("$") else { return text }
        let value = try evaluate(text, itemId: itemId, tokenId: tokenId, elementId: elementId)
        return value?.stringValue ?? value.map { $0.jsonText } ?? ""
    }
}
