import Foundation

/// Instance status: bpmn-server's `running` and `end`, plus `failed` for an instance that
/// ended with a BPMN error no event caught (bpmn-server ends those as `end`), and
/// `terminated` for an instance an administrator stopped with `terminate`.
public enum InstanceStatus: String, Sendable, Codable, CaseIterable {
    case running, end, failed, terminated
}

/// Item status with bpmn-server's on-disk values. A cancelled item is `end` with a nil
/// `endedAt`; `ItemRecord.isCancelled` distinguishes the two. `failed` (not in bpmn-server)
/// marks an incident: timer-driven work that kept failing and waits for `retry`.
public enum ItemStatus: String, Sendable, Codable, CaseIterable {
    case enter, start, wait, end, failed
}

/// Token status, as bpmn-server stores it.
public enum TokenStatus: String, Sendable, Codable {
    case running, wait, end, terminated
}

/// A stored model version.
public struct ModelRecord: Sendable, Equatable {
    public var name: String
    public var version: Int
    public var source: String
    public var savedAt: Date
    /// Process ids and names, for listing without parsing.
    public var processes: [String]
    /// Ids of the model's start events that can be triggered from outside (message,
    /// signal, timer), kept for correlation queries by later features.
    public var startEvents: [StartEventRecord]

    public init(
        name: String, version: Int, source: String, savedAt: Date, processes: [String] = [],
        startEvents: [StartEventRecord] = []
    ) {
        self.name = name
        self.version = version
        self.source = source
        self.savedAt = savedAt
        self.processes = processes
        self.startEvents = startEvents
    }
}

/// One start event of a model: its element, kind and the message or signal name it waits for.
public struct StartEventRecord: Sendable, Equatable {
    public var elementId: String
    public var name: String?
    public var processId: String
    /// `none`, `message`, `signal`, `timer`, `conditional`, `error`, `escalation`.
    public var subType: String
    public var messageName: String?
    public var signalName: String?

    public init(
        elementId: String, name: String?, processId: String, subType: String,
        messageName: String? = nil, signalName: String? = nil
    ) {
        self.elementId = elementId
        self.name = name
        self.processId = processId
        self.subType = subType
        self.messageName = messageName
        self.signalName = signalName
    }
}

/// A model with its instance counts, for the models pane and `model list`.
public struct ModelSummary: Sendable, Equatable {
    public var name: String
    public var version: Int
    public var savedAt: Date
    public var processes: [String]
    public var runningInstances: Int
    public var totalInstances: Int

    public init(
        name: String, version: Int, savedAt: Date, processes: [String], runningInstances: Int,
        totalInstances: Int
    ) {
        self.name = name
        self.version = version
        self.savedAt = savedAt
        self.processes = processes
        self.runningInstances = runningInstances
        self.totalInstances = totalInstances
    }
}

/// One stored version of a model with the instances started from it.
public struct ModelVersionSummary: Sendable, Equatable {
    public var name: String
    public var version: Int
    public var savedAt: Date
    public var runningInstances: Int
    public var totalInstances: Int

    public init(name: String, version: Int, savedAt: Date, runningInstances: Int, totalInstances: Int) {
        self.name = name
        self.version = version
        self.savedAt = savedAt
        self.runningInstances = runningInstances
        self.totalInstances = totalInstances
    }
}

/// One run of a model.
public struct InstanceRecord: Sendable, Equatable {
    public var id: String
    /// The model name the instance was started from.
    public var name: String
    public var modelVersion: Int
    public var status: InstanceStatus
    public var data: JSONValue
    public var startedAt: Date
    public var endedAt: Date?
    public var parentItemId: String?
    public var tenantId: String?
    /// Next item sequence number. Persisted so `seq` never repeats across calls.
    public var nextSeq: Int
    /// Incremented on every save; lets a reader notice a concurrent change.
    public var revision: Int

    public init(
        id: String, name: String, modelVersion: Int, status: InstanceStatus, data: JSONValue,
        startedAt: Date, endedAt: Date? = nil, parentItemId: String? = nil,
        tenantId: String? = nil, nextSeq: Int = 0, revision: Int = 0
    ) {
        self.id = id
        self.name = name
        self.modelVersion = modelVersion
        self.status = status
        self.data = data
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.parentItemId = parentItemId
        self.tenantId = tenantId
        self.nextSeq = nextSeq
        self.revision = revision
    }
}

/// The execution record of one element (flow node or sequence flow) in an instance.
public struct ItemRecord: Sendable, Equatable {
    public var id: String
    public var instanceId: String
    public var seq: Int
    public var elementId: String
    public var name: String?
    /// `bpmn:UserTask`, `bpmn:SequenceFlow`, ...
    public var type: String
    public var status: ItemStatus
    public var tokenId: Int
    public var itemKey: String?
    /// The user of the call that created the item.
    public var userName: String?
    public var startedAt: Date?
    public var endedAt: Date?
    public var assignee: String?
    public var candidateUsers: [String]
    public var candidateGroups: [String]
    public var dueDate: Date?
    public var followUpDate: Date?
    /// Kept as JSON because models write numbers and strings alike (`"5"`, `7`).
    public var priority: JSONValue
    public var messageId: String?
    public var signalId: String?
    public var timeDue: Date?
    public var vars: JSONValue
    public var output: JSONValue
    /// Set on failures and BPMN errors: `{"error": ..., "bpmnError": ...}`.
    public var statusDetails: JSONValue

    public init(
        id: String, instanceId: String, seq: Int, elementId: String, name: String?, type: String,
        status: ItemStatus, tokenId: Int, itemKey: String? = nil, userName: String? = nil,
        startedAt: Date? = nil, endedAt: Date? = nil
    ) {
        self.id = id
        self.instanceId = instanceId
        self.seq = seq
        self.elementId = elementId
        self.name = name
        self.type = type
        self.status = status
        self.tokenId = tokenId
        self.itemKey = itemKey
        self.userName = userName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.assignee = nil
        self.candidateUsers = []
        self.candidateGroups = []
        self.dueDate = nil
        self.followUpDate = nil
        self.priority = .null
        self.messageId = nil
        self.signalId = nil
        self.timeDue = nil
        self.vars = .emptyObject
        self.output = .null
        self.statusDetails = .null
    }

    /// An ended item with no end time was cancelled (interrupted, terminated or withdrawn).
    public var isCancelled: Bool { status == .end && endedAt == nil && type != "bpmn:SequenceFlow" }
}

/// A thread of control in an instance.
public struct TokenRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case primary = "Primary", diverge = "Diverge", subProcess = "SubProcess"
        case instance = "Instance", eventSubProcess = "EventSubProces"
        case boundaryEvent = "BoundaryEvent", adHoc = "AdHoc"
    }

    public var instanceId: String
    public var id: Int
    public var kind: Kind
    public var status: TokenStatus
    /// The path of the token's data inside the instance data (`""` is the root).
    public var dataPath: String
    public var parentTokenId: Int?
    public var originItemId: String?
    public var startNodeId: String
    public var currentNodeId: String
    /// The id of the token's current (last) item.
    public var currentItemId: String?
    public var itemKey: String?

    public init(
        instanceId: String, id: Int, kind: Kind, status: TokenStatus, dataPath: String,
        parentTokenId: Int?, originItemId: String?, startNodeId: String, currentNodeId: String,
        currentItemId: String? = nil, itemKey: String? = nil
    ) {
        self.instanceId = instanceId
        self.id = id
        self.kind = kind
        self.status = status
        self.dataPath = dataPath
        self.parentTokenId = parentTokenId
        self.originItemId = originItemId
        self.startNodeId = startNodeId
        self.currentNodeId = currentNodeId
        self.currentItemId = currentItemId
        self.itemKey = itemKey
    }
}

/// One line of an instance's history: who did what, when, to which item, with which data.
public struct HistoryRecord: Sendable, Equatable {
    public var id: Int64?
    public var instanceId: String
    public var at: Date
    public var user: String?
    /// `start`, `invoke`, `assign`, `join`, `error`, ...
    public var action: String
    public var itemId: String?
    public var elementId: String?
    public var data: JSONValue
    public var message: String?

    public init(
        id: Int64? = nil, instanceId: String, at: Date, user: String?, action: String,
        itemId: String? = nil, elementId: String? = nil, data: JSONValue = .null,
        message: String? = nil
    ) {
        self.id = id
        self.instanceId = instanceId
        self.at = at
        self.user = user
        self.action = action
        self.itemId = itemId
        self.elementId = elementId
        self.data = data
        self.message = message
    }
}

/// Everything the engine loads to run one instance: its row, items and tokens.
public struct InstanceState: Sendable, Equatable {
    public var instance: InstanceRecord
    /// All items in `seq` order, or only the live part when the state comes from
    /// `WorkflowStore.loadRunState`.
    public var items: [ItemRecord]
    public var tokens: [TokenRecord]

    public init(instance: InstanceRecord, items: [ItemRecord], tokens: [TokenRecord]) {
        self.instance = instance
        self.items = items
        self.tokens = tokens
    }
}
