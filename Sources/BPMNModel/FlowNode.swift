/// The BPMN element type of a flow node. The raw value is the `bpmn:`-prefixed type name
/// that items carry in their `type` field, as bpmn-server writes it.
public enum NodeKind: Sendable, Equatable, Hashable {
    case startEvent, endEvent, intermediateCatchEvent, intermediateThrowEvent, boundaryEvent
    case task, userTask, scriptTask, serviceTask, sendTask, receiveTask, manualTask
    case businessRuleTask
    case exclusiveGateway, parallelGateway, inclusiveGateway, eventBasedGateway, complexGateway
    case subProcess, adHocSubProcess, transaction, callActivity
    /// An element the parser does not know; the payload is its local XML name.
    case unsupported(String)

    /// Every supported kind with its BPMN local element name.
    public static let byElementName: [String: NodeKind] = [
        "startEvent": .startEvent, "endEvent": .endEvent,
        "intermediateCatchEvent": .intermediateCatchEvent,
        "intermediateThrowEvent": .intermediateThrowEvent, "boundaryEvent": .boundaryEvent,
        "task": .task, "userTask": .userTask, "scriptTask": .scriptTask,
        "serviceTask": .serviceTask, "sendTask": .sendTask, "receiveTask": .receiveTask,
        "manualTask": .manualTask, "businessRuleTask": .businessRuleTask,
        "exclusiveGateway": .exclusiveGateway, "parallelGateway": .parallelGateway,
        "inclusiveGateway": .inclusiveGateway, "eventBasedGateway": .eventBasedGateway,
        "complexGateway": .complexGateway, "subProcess": .subProcess,
        "adHocSubProcess": .adHocSubProcess, "transaction": .transaction,
        "callActivity": .callActivity,
    ]

    /// The local XML element name (`userTask`), or the unsupported element's name.
    public var elementName: String {
        if case .unsupported(let name) = self { return name }
        return Self.byElementName.first { $0.value == self }?.key ?? "unknown"
    }

    /// The item type string, such as `bpmn:UserTask`.
    public var typeName: String {
        let name = elementName
        return "bpmn:" + name.prefix(1).uppercased() + name.dropFirst()
    }

    public var isGateway: Bool {
        switch self {
        case .exclusiveGateway, .parallelGateway, .inclusiveGateway, .eventBasedGateway,
            .complexGateway:
            return true
        default:
            return false
        }
    }

    public var isEvent: Bool {
        switch self {
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent,
            .boundaryEvent:
            return true
        default:
            return false
        }
    }
}

/// A flow node: an event, activity or gateway, with the Camunda extensions bpmn-server reads.
public struct FlowNode: Sendable {
    public var id: String
    public var name: String?
    public var kind: NodeKind
    public var documentation: String?
    /// Ids of incoming and outgoing sequence flows, from the flows' `sourceRef`/`targetRef`
    /// (the `incoming`/`outgoing` child elements are optional in BPMN and not trusted).
    public var incoming: [String]
    public var outgoing: [String]
    /// The `default` attribute of a gateway or activity.
    public var defaultFlow: String?
    public var eventDefinitions: [EventDefinition]
    /// `attachedToRef` and `cancelActivity` of a boundary event.
    public var attachedToRef: String?
    public var cancelActivity: Bool
    /// `isInterrupting` of a start event in an event sub-process; true when absent.
    public var isInterrupting: Bool
    /// `isForCompensation` of an activity: a compensation handler, reached only through a
    /// compensation association, never through sequence flows.
    public var isForCompensation: Bool
    /// `camunda:assignee`, `candidateUsers`, ... as raw attribute strings.
    public var assignment: Assignment
    public var formFields: [FormField]
    /// `camunda:formKey`, when the form lives elsewhere.
    public var formKey: String?
    public var listeners: [Listener]
    /// `camunda:initiator` on a start event: the data key that receives the starting user.
    public var initiator: String?
    /// The body of a script task's `script` element.
    public var script: String?
    public var scriptFormat: String?
    /// `implementation`, else `camunda:delegateExpression`, else `camunda:class`/`expression`.
    public var implementation: String?
    /// `calledElement` of a call activity.
    public var calledElement: String?
    /// The inner scope of a sub-process, ad-hoc sub-process or transaction.
    public var subProcess: FlowContainer?
    /// `triggeredByEvent="true"` on a sub-process: an event sub-process.
    public var triggeredByEvent: Bool
    public var loop: LoopCharacteristics?
    public var inputParameters: [IOParameter]
    public var outputParameters: [IOParameter]
    /// The `completionCondition` of an ad-hoc sub-process, when it has one.
    public var adHocCompletionCondition: String? = nil
    /// `camunda:in` mappings of a call activity: parent data passed to the called instance.
    public var callInputs: [VariableMapping] = []
    /// `camunda:out` mappings of a call activity: child data copied back when it ends.
    public var callOutputs: [VariableMapping] = []
    /// The name of the lane that contains the node, if any.
    public var laneName: String?
    /// Attributes not modelled above, keyed by `{namespace-uri}local` (or `local` when the
    /// attribute has no namespace).
    public var otherAttributes: [String: String]

    public init(id: String, name: String? = nil, kind: NodeKind) {
        self.id = id
        self.name = name
        self.kind = kind
        self.documentation = nil
        self.incoming = []
        self.outgoing = []
        self.defaultFlow = nil
        self.eventDefinitions = []
        self.attachedToRef = nil
        self.cancelActivity = true
        self.isInterrupting = true
        self.isForCompensation = false
        self.assignment = Assignment()
        self.formFields = []
        self.formKey = nil
        self.listeners = []
        self.initiator = nil
        self.script = nil
        self.scriptFormat = nil
        self.implementation = nil
        self.calledElement = nil
        self.subProcess = nil
        self.triggeredByEvent = false
        self.loop = nil
        self.inputParameters = []
        self.outputParameters = []
        self.laneName = nil
        self.otherAttributes = [:]
    }
}

/// The six user-task assignment attributes, as written in the model (unevaluated).
public struct Assignment: Sendable, Equatable {
    public var assignee: String?
    public var candidateUsers: String?
    public var candidateGroups: String?
    public var dueDate: String?
    public var followUpDate: String?
    public var priority: String?

    public init(
        assignee: String? = nil, candidateUsers: String? = nil, candidateGroups: String? = nil,
        dueDate: String? = nil, followUpDate: String? = nil, priority: String? = nil
    ) {
        self.assignee = assignee
        self.candidateUsers = candidateUsers
        self.candidateGroups = candidateGroups
        self.dueDate = dueDate
        self.followUpDate = followUpDate
        self.priority = priority
    }
}

/// One event definition of an event element.
public enum EventDefinition: Sendable, Equatable {
    /// `messageRef` is the id of a `message` root element (nil when absent).
    case message(messageRef: String?)
    case signal(signalRef: String?)
    case timer(TimerDefinition)
    case error(errorRef: String?)
    case escalation(escalationRef: String?)
    case terminate
    case cancel
    case compensate(activityRef: String?)
    /// The link's `name` attribute: a throw goes to the catch with the same name.
    case link(name: String?)
    case conditional(condition: String?)
}

/// A `timerEventDefinition`: exactly one of the three is normally set. Bodies are trimmed, and
/// an empty body gives nil, so a timer with an empty `timeDate` has none set.
public struct TimerDefinition: Sendable, Equatable {
    public var timeDate: String?
    public var timeDuration: String?
    public var timeCycle: String?

    public init(timeDate: String? = nil, timeDuration: String? = nil, timeCycle: String? = nil) {
        self.timeDate = timeDate
        self.timeDuration = timeDuration
        self.timeCycle = timeCycle
    }
}

/// `multiInstanceLoopCharacteristics` or `standardLoopCharacteristics`.
public struct LoopCharacteristics: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case parallelMultiInstance, sequentialMultiInstance, standard
    }

    public var kind: Kind
    public var loopCardinality: String?
    /// `camunda:collection`: a JavaScript expression or a JSON literal.
    public var collection: String?
    public var elementVariable: String?
    public var completionCondition: String?
    public var loopCondition: String?
    public var testBefore: Bool
    public var loopMaximum: Int?

    public init(kind: Kind) {
        self.kind = kind
        self.loopCardinality = nil
        self.collection = nil
        self.elementVariable = nil
        self.completionCondition = nil
        self.loopCondition = nil
        self.testBefore = false
        self.loopMaximum = nil
    }
}

/// A `camunda:inputParameter` or `camunda:outputParameter`. `value` is the trimmed text body
/// (an expression or literal). With `isScript` set, it is a JavaScript expression instead: the
/// body of a nested `camunda:script`, or an array or object literal built from a nested
/// `camunda:list` or `camunda:map` whose values are expressions.
public struct IOParameter: Sendable, Equatable {
    public var name: String
    public var value: String?
    public var isScript: Bool

    public init(name: String, value: String?, isScript: Bool = false) {
        self.name = name
        self.value = value
        self.isScript = isScript
    }
}

/// A `camunda:in` or `camunda:out` mapping of a call activity.
public struct VariableMapping: Sendable, Equatable {
    /// The variable read on the giving side, when the mapping copies one variable.
    public var source: String?
    /// An expression evaluated on the giving side, when the mapping computes the value.
    public var sourceExpression: String?
    /// The variable written on the receiving side.
    public var target: String?
    /// `variables="all"`: copies every variable.
    public var all: Bool

    public init(source: String? = nil, sourceExpression: String? = nil, target: String? = nil, all: Bool = false) {
        self.source = source
        self.sourceExpression = sourceExpression
        self.target = target
        self.all = all
    }
}

/// A `camunda:executionListener` or `camunda:taskListener`.
public struct Listener: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case execution, task }

    public var kind: Kind
    /// The `event` attribute: `start`, `end`, `take`, `create`, `assignment`, `complete`, ...
    public var event: String
    /// The inline script body; nil for `class`, `expression` or `delegateExpression` listeners.
    public var script: String?
    public var scriptFormat: String?
    /// `class`, `expression` or `delegateExpression`, which this engine cannot run.
    public var javaReference: String?

    public init(
        kind: Kind, event: String, script: String?, scriptFormat: String? = nil,
        javaReference: String? = nil
    ) {
        self.kind = kind
        self.event = event
        self.script = script
        self.scriptFormat = scriptFormat
        self.javaReference = javaReference
    }
}

/// A `camunda:formField`.
public struct FormField: Sendable, Equatable {
    public var id: String
    public var label: String?
    /// `string`, `long`, `boolean`, `date`, `enum`, or a custom type name kept as written.
    public var type: String
    public var defaultValue: String?
    /// Enum choices as (id, name) pairs in document order.
    public var values: [EnumValue]
    public var constraints: [Constraint]
    public var properties: [String: String]

    public struct EnumValue: Sendable, Equatable {
        public var id: String
        public var name: String?

        public init(id: String, name: String?) {
            self.id = id
            self.name = name
        }
    }

    /// A `camunda:constraint`: `required`, `readonly`, `min`, `max`, `minlength`, `maxlength`.
    public struct Constraint: Sendable, Equatable {
        public var name: String
        public var config: String?

        public init(name: String, config: String?) {
            self.name = name
            self.config = config
        }
    }

    public init(
        id: String, label: String? = nil, type: String = "string", defaultValue: String? = nil,
        values: [EnumValue] = [], constraints: [Constraint] = [], properties: [String: String] = [:]
    ) {
        self.id = id
        self.label = label
        self.type = type
        self.defaultValue = defaultValue
        self.values = values
        self.constraints = constraints
        self.properties = properties
    }

    public var isRequired: Bool { constraints.contains { $0.name == "required" } }

    public var isReadOnly: Bool { constraints.contains { $0.name == "readonly" } }

    /// Returns the numeric config of a constraint such as `min` or `maxlength`, when it has one.
    public func constraintValue(_ name: String) -> Double? {
        constraints.first { $0.name == name }?.config.flatMap { Double($0) }
    }
}
