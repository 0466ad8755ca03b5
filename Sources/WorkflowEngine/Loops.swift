import BPMNModel
import Foundation

/// Multi-instance activities and standard loops.
///
/// A token reaching a looped activity waits at an owner item of type
/// `bpmn:MultiInstanceBody`, which holds the loop state in `statusDetails.loop` and the
/// activity's boundary events. Each iteration is an `Instance` token (a child of the owner
/// token) that runs the activity once, with its own data scope `<scope>.<nodeId>.<key>` and
/// `itemKey` = the key, as bpmn-server lays them out. The key is the collection element when it
/// is a string or number, else the iteration index. Standard loop iterations share the owner's
/// scope, so their loop condition sees what the previous iteration wrote.
extension InstanceRun {
    static let loopBodyType = "bpmn:MultiInstanceBody"

    /// Reports whether `tokenId` runs one iteration of `node` (rather than arriving at it).
    func isIteration(_ tokenId: Int, of node: FlowNode) -> Bool {
        guard let token = token(tokenId), token.kind == .instance, let owner = token.originItemId else { return false }
        return item(owner)?.elementId == node.id && item(owner)?.type == Self.loopBodyType
    }

    /// Starts a looped activity: the owner item waits and the first iterations start.
    func enterLoop(_ node: FlowNode, loop: LoopCharacteristics, tokenId: Int) throws {
        let ownerItemId = createItem(elementId: node.id, name: node.name, type: Self.loopBodyType, status: .wait, tokenId: tokenId)
        updateToken(tokenId) {
            $0.currentItemId = ownerItemId
            $0.status = .wait
        }
        armBoundaryEvents(of: node, hostItemId: ownerItemId, tokenId: tokenId)

        var state: [String: JSONValue] = ["completed": 0, "started": 0]
        if loop.kind == .standard {
            state["standard"] = true
        } else {
            state["collection"] = .array(try loopCollection(of: node, loop: loop, ownerItemId: ownerItemId, tokenId: tokenId))
        }
        setLoopState(.object(state), ownerItemId: ownerItemId)
        try startNextIterations(node, loop: loop, ownerItemId: ownerItemId, ownerTokenId: tokenId)
    }

    /// Evaluates `camunda:collection` (an expression or literal; a number n means 0…n-1) or
    /// `loopCardinality`, once, in the arriving token's scope.
    /// - Throws: `EngineError.invalidLoop` when neither is given or the value is no list.
    private func loopCollection(of node: FlowNode, loop: LoopCharacteristics, ownerItemId: String, tokenId: Int) throws -> [JSONValue] {
        guard let source = loop.collection ?? loop.loopCardinality, !source.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw EngineError.invalidLoop(elementId: node.id, reason: "it has neither camunda:collection nor loopCardinality")
        }
        let value = try evaluate(source, itemId: ownerItemId, tokenId: tokenId, elementId: node.id) ?? .null
        switch value {
        case .array(let values):
            return values
        case .number(let count) where count >= 0 && count == count.rounded() && count <= 100_000:
            return (0..<Int(count)).map { .number(Double($0)) }
        default:
            throw EngineError.invalidLoop(
                elementId: node.id, reason: "the collection '\(source)' gave \(value.jsonText), expected a list or a count")
        }
    }

    private func loopState(ownerItemId: String) -> [String: JSONValue] {
        item(ownerItemId)?.statusDetails["loop"]?.objectValue ?? [:]
    }

    private func setLoopState(_ state: JSONValue, ownerItemId: String) {
        updateItem(ownerItemId) { $0.statusDetails = .object(["loop": state]) }
    }

    /// Starts every iteration (parallel) or the next one (sequential, standard), or completes
    /// the owner when there is nothing left to start.
    private func startNextIterations(_ node: FlowNode, loop: LoopCharacteristics, ownerItemId: String, ownerTokenId: Int) throws {
        var state = loopState(ownerItemId: ownerItemId)
        let started = Int(state["started"]?.numberValue ?? 0)
        let collection = state["collection"]?.arrayValue ?? []
        var toStart: [Int] = []
        switch loop.kind {
        case .parallelMultiInstance:
            toStart = Array(started..<collection.count)
        case .sequentialMultiInstance:
            if started < collection.count { toStart = [started] }
        case .standard:
            if try standardLoopContinues(node, loop: loop, iterations: started, ownerItemId: ownerItemId, ownerTokenId: ownerTokenId) {
                toStart = [started]
            }
        }
        guard !toStart.isEmpty else { return try completeLoop(node, ownerItemId: ownerItemId, ownerTokenId: ownerTokenId) }

        state["started"] = .number(Double(started + toStart.count))
        setLoopState(.object(state), ownerItemId: ownerItemId)
        for index in toStart {
            let element = index < collection.count ? collection[index] : .number(Double(index))
            startIteration(node, loop: loop, index: index, element: element, count: collection.count, ownerItemId: ownerItemId, ownerTokenId: ownerTokenId)
        }
    }

    /// Returns the key of an iteration: the collection element when it is a string or number, else
    /// the index.
    private static func iterationKey(_ element: JSONValue, index: Int) -> String {
        switch element {
        case .string(let text): return text
        case .number(let number): return JSONValue.format(number: number)
        default: return String(index)
        }
    }

    private func startIteration(_ node: FlowNode, loop: LoopCharacteristics, index: Int, element: JSONValue, count: Int, ownerItemId: String, ownerTokenId: Int) {
        let owner = token(ownerTokenId)
        let key = Self.iterationKey(element, index: index)
        let ownerPath = owner?.dataPath ?? ""
        let itemKey = [owner?.itemKey, key].compactMap { $0 }.joined(separator: ".")
        if loop.kind == .standard {
            let tokenId = spawnToken(kind: .instance, at: node.id, parent: ownerTokenId, originItemId: ownerItemId, dataPath: ownerPath)
            updateToken(tokenId) { $0.itemKey = itemKey }
            return
        }
        let path = [ownerPath, node.id, key].filter { !$0.isEmpty }.joined(separator: ".")
        let tokenId = spawnToken(kind: .instance, at: node.id, parent: ownerTokenId, originItemId: ownerItemId, dataPath: path)
        updateToken(tokenId) { $0.itemKey = itemKey }
        var scope = instance.data.value(atPath: path)?.objectValue ?? [:]
        scope["loopCounter"] = .number(Double(index))
        scope["nrOfInstances"] = .number(Double(count))
        if let variable = loop.elementVariable, !variable.isEmpty { scope[variable] = element }
        instance.data.setValue(.object(scope), atPath: path)
    }

    /// Called when an iteration token leaves the activity: counts it, then completes the
    /// loop (count reached, completion condition true, loop ended) or starts the next one.
    func finishIteration(_ node: FlowNode, tokenId: Int) throws {
        guard let loop = node.loop, let iteration = token(tokenId), let ownerItemId = iteration.originItemId,
            let ownerTokenId = iteration.parentTokenId, item(ownerItemId)?.status == .wait
        else { return }
        updateToken(tokenId) { $0.status = .end }
        var state = loopState(ownerItemId: ownerItemId)
        let completed = Int(state["completed"]?.numberValue ?? 0) + 1
        state["completed"] = .number(Double(completed))
        setLoopState(.object(state), ownerItemId: ownerItemId)

        if let condition = loop.completionCondition?.trimmingCharacters(in: .whitespacesAndNewlines), !condition.isEmpty,
            try completionConditionHolds(condition, node: node, tokenId: tokenId, ownerItemId: ownerItemId)
        {
            for sibling in tokens where sibling.parentTokenId == ownerTokenId && sibling.kind == .instance
                && (sibling.status == .running || sibling.status == .wait)
            {
                cancelToken(sibling.id)
            }
            note("loop", itemId: ownerItemId, elementId: node.id,
                 message: "completion condition of '\(node.id)' held after \(completed) iterations; the others were cancelled")
            return try completeLoop(node, ownerItemId: ownerItemId, ownerTokenId: ownerTokenId)
        }
        let collection = state["collection"]?.arrayValue ?? []
        switch loop.kind {
        case .parallelMultiInstance:
            if completed >= collection.count { try completeLoop(node, ownerItemId: ownerItemId, ownerTokenId: ownerTokenId) }
        case .sequentialMultiInstance, .standard:
            try startNextIterations(node, loop: loop, ownerItemId: ownerItemId, ownerTokenId: ownerTokenId)
        }
    }

    /// Evaluates a completion condition with the BPMN counters (`nrOfInstances`,
    /// `nrOfActiveInstances`, `nrOfCompletedInstances`, and their `numberOf…` spellings)
    /// and `loopCounter` as data keys of the finished iteration's scope.
    private func completionConditionHolds(_ condition: String, node: FlowNode, tokenId: Int, ownerItemId: String) throws -> Bool {
        guard let iteration = token(tokenId), let ownerTokenId = iteration.parentTokenId else { return false }
        let state = loopState(ownerItemId: ownerItemId)
        let completed = state["completed"]?.numberValue ?? 0
        let active = Double(tokens.filter {
            $0.parentTokenId == ownerTokenId && $0.kind == .instance && ($0.status == .running || $0.status == .wait)
        }.count)
        let total = Double(state["collection"]?.arrayValue?.count ?? Int(state["started"]?.numberValue ?? 0))
        var data = data(of: tokenId).objectValue ?? [:]
        for (name, value) in [("Instances", total), ("ActiveInstances", active), ("CompletedInstances", completed)] {
            data["nrOf" + name] = .number(value)
            data["numberOf" + name] = .number(value)
        }
        let item = item(ownerItemId).map(scriptView(of:)) ?? .emptyObject
        let scope = ScriptScope(item: item, data: .object(data), now: now)
        let outcome = try scripts.evaluate(expression: Self.conditionExpression(condition), scope: scope, elementId: node.id)
        return outcome.value == .bool(true)
    }

    /// Rewrites a condition written as `${…}` or `$(…)` or plain JavaScript so it reads the
    /// data keys as variables, so `nrOfCompletedInstances >= 3` works without `data.`.
    static func conditionExpression(_ condition: String) -> String {
        if condition.hasPrefix("${") { return condition }
        let body = condition.hasPrefix("$") ? String(condition.dropFirst()) : condition
        return "${" + body + "}"
    }

    private func standardLoopContinues(_ node: FlowNode, loop: LoopCharacteristics, iterations: Int, ownerItemId: String, ownerTokenId: Int) throws -> Bool {
        if let maximum = loop.loopMaximum, iterations >= maximum { return false }
        if loopState(ownerItemId: ownerItemId)["ended"] == .bool(true) { return false }
        guard let condition = loop.loopCondition?.trimmingCharacters(in: .whitespacesAndNewlines), !condition.isEmpty else {
            return true
        }
        if iterations == 0 && !loop.testBefore { return true }
        let value = try evaluate(Self.conditionExpression(condition), itemId: ownerItemId, tokenId: ownerTokenId, elementId: node.id)
        return value == .bool(true)
    }

    /// Records `this.token.loop.end()` from a script run by an iteration token.
    func endLoop(forIteration tokenId: Int) {
        guard let iteration = token(tokenId), iteration.kind == .instance, let ownerItemId = iteration.originItemId else { return }
        var state = loopState(ownerItemId: ownerItemId)
        state["ended"] = true
        setLoopState(.object(state), ownerItemId: ownerItemId)
    }

    /// Ends the owner item and moves the owner token past the activity. The owner item's
    /// `output` collects each multi-instance iteration's data scope, in collection order.
    private func completeLoop(_ node: FlowNode, ownerItemId: String, ownerTokenId: Int) throws {
        let collection = loopState(ownerItemId: ownerItemId)["collection"]?.arrayValue
        let ownerPath = token(ownerTokenId)?.dataPath ?? ""
        let results = collection.map { elements in
            JSONValue.array(elements.enumerated().map { index, element in
                let path = [ownerPath, node.id, Self.iterationKey(element, index: index)].filter { !$0.isEmpty }.joined(separator: ".")
                return instance.data.value(atPath: path) ?? .null
            })
        }
        updateItem(ownerItemId) {
            $0.status = .end
            $0.endedAt = now
            if let results { $0.output = results }
        }
        cancelBoundaryEvents(hostItemId: ownerItemId)
        updateToken(ownerTokenId) { $0.status = .running }
        try leave(node: node, tokenId: ownerTokenId)
    }
}
