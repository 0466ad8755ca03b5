import BPMNModel
import Foundation

/// One engine call's work on one instance: the loaded state, the tokens to move, and the
/// changes to write. Created inside the call's write transaction and dropped after it.
final class InstanceRun {
    let graph: ProcessGraph
    let scripts: ScriptEngine
    let clock: Clock
    let options: EngineOptions
    let userName: String?

    var instance: InstanceRecord
    /// The items this run has loaded: every item that had not ended when the run began,
    /// those its live tokens named, those it created, and ended items read on demand
    /// (`StoredItems`). Older ended items stay in the store unless `hasAllItems`.
    private(set) var items: [ItemRecord]
    private(set) var tokens: [TokenRecord]
    /// Whether `items` is every item of the instance (a new instance, or a run of a whole
    /// loaded instance), so no ended item needs to be read from the store.
    var hasAllItems: Bool
    /// Whether `tokens` is every token of the instance. Otherwise the run has the live tokens,
    /// token 0, the one with the highest id, and the ended tokens read on demand.
    var hasAllTokens: Bool
    /// Token ids that an on-demand read found no token for.
    var missingTokenIds: Set<Int> = []
    /// The store that ended items are read from on demand; nil when `hasAllItems`.
    var store: WorkflowStore?
    /// The first error of an on-demand read. A lookup such as `item(_:)` cannot throw, so the
    /// engine raises this error before it saves the run.
    var storeReadError: Error?
    /// Ids that an on-demand read found no item for, so they are not read again.
    var missingItemIds: Set<String> = []
    private var itemIndex: [String: Int] = [:]
    private var nextTokenId: Int
    /// Token ids by the node they are at (spawned or moved there), for lookups by node.
    private var tokensAtNode: [String: [Int]] = [:]
    private var tokenIndex: [Int: Int] = [:]

    /// Ids of items created or changed during this call, for the store.
    private(set) var changedItemIds: Set<String> = []
    /// Ids of tokens created or changed during this call, for the store.
    private(set) var changedTokenIds: Set<Int> = []
    /// History lines written by this call, besides the call's own line.
    private(set) var history: [HistoryRecord] = []
    /// The `input` of each item entered or invoked in this call (not stored, as in bpmn-server).
    var itemInputs: [String: JSONValue] = [:]
    /// The folder services are loaded from, named in "service not found" messages. Set by the
    /// engine.
    var servicesLocation = "no services folder"
    /// Tokens a message flow signalled before they reached their waiting node.
    var signalledOnArrival: Set<Int> = []
    /// Finds decisions for business rule tasks; set by the engine.
    var decisionLookup: DecisionLookup?
    /// Starts called instances; set by the engine.
    var callStarter: CallStarter?
    /// Whether the instance ended or failed during this call (its caller must then resume).
    var finishedThisCall: Bool { startedRunning && instance.status != .running }
    private let startedRunning: Bool
    /// Messages and signals thrown during the call, delivered after the instance is saved.
    var outbox: [OutgoingEvent] = []
    /// The last `this.context.messageMatchingKey` a script set, for the next thrown message.
    var pendingMatchingKey: JSONValue?
    /// Tokens whose current node must be executed, in order.
    private var ready: [Int] = []
    private var steps = 0
    /// Whether this call creates the instance, so a failed call leaves no instance of its id.
    var isNewInstance = false

    /// - Parameter hasAllItems: whether `state` is the whole instance. Pass false for a state
    ///   from `WorkflowStore.loadRunState`, so ended items and tokens are read through `store`.
    init(
        state: InstanceState, hasAllItems: Bool = true, graph: ProcessGraph, scripts: ScriptEngine, clock: Clock,
        options: EngineOptions, userName: String?
    ) {
        self.graph = graph
        self.scripts = scripts
        self.clock = clock
        self.options = options
        self.userName = userName
        self.instance = state.instance
        self.startedRunning = state.instance.status == .running
        self.items = state.items
        self.tokens = state.tokens
        self.hasAllItems = hasAllItems
        self.hasAllTokens = hasAllItems
        for (index, item) in items.enumerated() { itemIndex[item.id] = index }
        for (index, token) in tokens.enumerated() { tokenIndex[token.id] = index }
        nextTokenId = (state.tokens.map(\.id).max() ?? -1) + 1
        for token in tokens { tokensAtNode[token.currentNodeId, default: []].append(token.id) }
    }

    var state: InstanceState {
        InstanceState(instance: instance, items: items, tokens: tokens)
    }

    var now: Date { clock.now() }

    // MARK: - Items and tokens

    /// Returns the item with this id, reading it from the store when the run has not loaded it.
    func item(_ id: String) -> ItemRecord? {
        if let index = itemIndex[id] { return items[index] }
        return readStoredItem(id)
    }

    func updateItem(_ id: String, _ change: (inout ItemRecord) -> Void) {
        if itemIndex[id] == nil { _ = readStoredItem(id) }
        guard let index = itemIndex[id] else { return }
        change(&items[index])
        changedItemIds.insert(id)
    }

    /// Marks an item as changed without changing it (its row must be written).
    func markChanged(_ id: String) {
        if itemIndex[id] == nil { _ = readStoredItem(id) }
        changedItemIds.insert(id)
    }

    /// Returns the token with this id, reading it from the store when the run has not loaded it.
    func token(_ id: Int) -> TokenRecord? {
        if let index = tokenIndex[id] { return tokens[index] }
        return readStoredToken(id)
    }

    func updateToken(_ id: Int, _ change: (inout TokenRecord) -> Void) {
        if tokenIndex[id] == nil { _ = readStoredToken(id) }
        guard let index = tokenIndex[id] else { return }
        change(&tokens[index])
        changedTokenIds.insert(id)
    }

    /// Returns whether the run has loaded the token, without reading the store.
    func hasToken(_ id: Int) -> Bool {
        tokenIndex[id] != nil
    }

    /// Adds tokens read from the store to the run. A token it has already keeps the run's version.
    func addLoaded(_ stored: [TokenRecord]) {
        for token in stored where tokenIndex[token.id] == nil {
            tokenIndex[token.id] = tokens.count
            tokens.append(token)
            tokensAtNode[token.currentNodeId, default: []].append(token.id)
        }
    }

    /// Adds items read from the store to the run, so lookups and updates find them. An item
    /// it has already keeps the run's version.
    func addLoaded(_ stored: [ItemRecord]) {
        for item in stored where itemIndex[item.id] == nil {
            itemIndex[item.id] = items.count
            items.append(item)
        }
    }

    /// Creates a token positioned at `nodeId`, to be executed by `run()`.
    @discardableResult
    func spawnToken(kind: TokenRecord.Kind, at nodeId: String, parent: Int?, originItemId: String?, dataPath: String) -> Int {
        let id = nextTokenId
        nextTokenId += 1
        let token = TokenRecord(
            instanceId: instance.id, id: id, kind: kind, status: .running, dataPath: dataPath,
            parentTokenId: parent, originItemId: originItemId, startNodeId: nodeId, currentNodeId: nodeId)
        tokenIndex[id] = tokens.count
        tokens.append(token)
        changedTokenIds.insert(id)
        tokensAtNode[nodeId, default: []].append(id)
        ready.append(id)
        return id
    }

    /// Appends an item for `elementId` to the token's path.
    @discardableResult
    func createItem(elementId: String, name: String?, type: String, status: ItemStatus, tokenId: Int) -> String {
        let item = ItemRecord(
            id: RandomIdentifier.uuid(), instanceId: instance.id, seq: instance.nextSeq,
            elementId: elementId, name: name, type: type, status: status, tokenId: tokenId,
            itemKey: token(tokenId)?.itemKey, userName: userName, startedAt: now)
        instance.nextSeq += 1
        itemIndex[item.id] = items.count
        items.append(item)
        changedItemIds.insert(item.id)
        return item.id
    }

    /// Records a taken sequence flow on the token's path and runs its `take` listeners.
    func recordFlow(_ flow: SequenceFlow, tokenId: Int) throws {
        let id = createItem(elementId: flow.id, name: flow.name, type: "bpmn:SequenceFlow", status: .end, tokenId: tokenId)
        updateItem(id) { $0.endedAt = now }
        try runTakeListeners(of: flow, itemId: id, tokenId: tokenId)
    }

    func note(_ action: String, itemId: String? = nil, elementId: String? = nil, message: String) {
        history.append(HistoryRecord(
            instanceId: instance.id, at: now, user: userName, action: action, itemId: itemId,
            elementId: elementId, message: message))
    }

    /// Returns the data scope object of a token.
    func data(of tokenId: Int) -> JSONValue {
        let path = token(tokenId)?.dataPath ?? ""
        return instance.data.value(atPath: path) ?? .emptyObject
    }

    func setData(_ value: JSONValue, of tokenId: Int) {
        let path = token(tokenId)?.dataPath ?? ""
        instance.data.setValue(value, atPath: path)
    }

    /// Shallow-merges `input` into the token's scope (bpmn-server's `appendData`); keys
    /// starting with `vars.` go to the item's `vars` instead.
    func mergeData(_ input: JSONValue, tokenId: Int, itemId: String?) {
        guard let object = input.objectValue, !object.isEmpty else { return }
        var plain: [String: JSONValue] = [:]
        for (key, value) in object {
            if key.hasPrefix("vars."), let itemId {
                updateItem(itemId) { $0.vars.setValue(value, atPath: String(key.dropFirst(5))) }
            } else {
                plain[key] = value
            }
        }
        setData(data(of: tokenId).merging(.object(plain)), of: tokenId)
    }

    /// The process the instance started in (the process of token 0's start node).
    var runningProcess: BPMNModel.Process? {
        guard let first = tokens.first(where: { $0.id == 0 }) ?? tokens.first,
            let processId = graph.processOfNode[first.startNodeId]
        else { return nil }
        return graph.definitions.processes.first { $0.id == processId }
    }

    // MARK: - Running

    /// Executes ready tokens until every token waits or ends, re-evaluating joins whenever
    /// the queue drains, then ends the instance if nothing is left.
    /// - Throws: `EngineError` from scripts, gateways and unsupported elements.
    func run() throws {
        while true {
            while !ready.isEmpty {
                let tokenId = ready.removeFirst()
                try execute(tokenId: tokenId)
            }
            if try completeOneFinishedScope() { continue }
            if try completeOneFinishedCompensation() { continue }
            if try completeOneSatisfiedAdHoc() { continue }
            if try fireOneReadyJoin() { continue }
            if try !fireOneTrueConditional() { break }
        }
        try endInstanceIfDone()
    }

    /// Returns the live tokens positioned at a node, in the order they got there.
    func tokens(atNode nodeId: String) -> [TokenRecord] {
        let live = (tokensAtNode[nodeId] ?? []).compactMap { token($0) }.filter { $0.status == .running || $0.status == .wait }
        tokensAtNode[nodeId] = live.map(\.id)
        return live
    }

    /// Takes a token out of the run queue (a boundary token that only waits).
    func dropReady(_ tokenId: Int) {
        ready.removeAll { $0 == tokenId }
    }

    /// Positions a token at `nodeId` and queues it.
    func move(tokenId: Int, to nodeId: String) {
        if let previous = token(tokenId)?.currentNodeId {
            tokensAtNode[previous]?.removeAll { $0 == tokenId }
        }
        tokensAtNode[nodeId, default: []].append(tokenId)
        updateToken(tokenId) {
            $0.currentNodeId = nodeId
            $0.status = .running
        }
        ready.append(tokenId)
    }

    private func execute(tokenId: Int) throws {
        guard let token = token(tokenId), token.status == .running else { return }
        steps += 1
        if steps > options.maximumStepsPerCall {
            throw EngineError.executionLimitExceeded(
                instanceId: isNewInstance ? nil : instance.id, model: instance.name, elementId: token.currentNodeId,
                steps: options.maximumStepsPerCall)
        }
        guard let node = graph.nodes[token.currentNodeId] else {
            throw EngineError.unsupportedElement(elementId: token.currentNodeId, type: "unknown element")
        }
        if let loop = node.loop, !isIteration(tokenId, of: node) {
            return try enterLoop(node, loop: loop, tokenId: tokenId)
        }
        let itemId = createItem(elementId: node.id, name: node.name, type: node.kind.typeName, status: .enter, tokenId: tokenId)
        updateToken(tokenId) { $0.currentItemId = itemId }
        try enter(node: node, itemId: itemId, tokenId: tokenId)
    }

    /// Ends the instance when no token is running or waiting.
    private func endInstanceIfDone() throws {
        guard instance.status == .running else { return }
        let live = tokens.contains { ($0.status == .running || $0.status == .wait) && !isSubscription($0) }
        guard !live else { return }
        withdrawSubscriptions()
        instance.status = .end
        instance.endedAt = now
        if let process = runningProcess {
            try runProcessListeners(process, event: "end")
        }
    }
}
