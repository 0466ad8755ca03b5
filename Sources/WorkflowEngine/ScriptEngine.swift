import Foundation

/// The objects a script or condition can read: `this`/`item`, `data`, `input`, `output`,
/// `instance`. Values travel as JSON, so Dates become ISO 8601 strings.
struct ScriptScope {
    /// The item's fields (`id`, `elementId`, `assignee`, ...); `item.data` is `data`.
    var item: JSONValue
    /// The token's data scope; writes to it are returned in `ScriptOutcome.data`.
    var data: JSONValue
    /// The enclosing scopes' data, outermost (the instance root) first. `data` reads fall
    /// through to them for keys it lacks; writes stay in `data`.
    var parentScopes: [JSONValue] = []
    var input: JSONValue = .emptyObject
    var output: JSONValue = .null
    /// The instance fields without items (`id`, `name`, `data`, `startedAt`, ...).
    var instance: JSONValue = .emptyObject
    /// The engine clock's time; `new Date()` and `Date.now()` in the script return it.
    var now: Date = Date()
    /// The instance's items, returned by `this.context.getItems()`; filled only for scripts
    /// that mention `getItems`, since building it costs a pass over every item.
    var items: JSONValue = .array([])
}

/// The result of running JavaScript, with the scope objects the script changed. `data`,
/// `item`, `output` and `input` are nil when their JSON text after the run equals the text of
/// the scope's value.
struct ScriptOutcome {
    /// The returned value; nil when the script returned `undefined`.
    var value: JSONValue?
    var data: JSONValue?
    var item: JSONValue?
    var output: JSONValue?
    /// Lines written with `console.log` or `item.log`, at most 100 per run.
    var logs: [(level: String, message: String)]
    /// `this.context.messageMatchingKey` as the script left it (a correlation query).
    var messageMatchingKey: JSONValue
    /// A BPMN error or escalation the script raised: `item.throwError(code)`,
    /// `throw new BpmnError(code)`, or a returned `{bpmnError: code}` / `{escalation: code}`.
    var thrown: ThrownEvent?
    /// Whether the script called `this.token.loop.end()` to stop a standard loop.
    var loopEnded: Bool = false
    /// The item's `input` as the script left it (listeners may prepare a service's input).
    var input: JSONValue?
    /// The service name a `.service` run could not find among the loaded services.
    var missingService: String?
}

/// A BPMN error or escalation raised by model code, to be caught by a boundary event or
/// an event sub-process.
struct ThrownEvent: Equatable {
    enum Kind: String { case error, escalation }

    var kind: Kind
    var code: String?
    var message: String?
}

/// Runs JavaScript conditions and scripts in JavaScriptCore, in one context reused for the
/// engine's lifetime. Each run gets fresh `item`/`data` objects built from JSON, so runs
/// cannot see each other's state except through globals a script sets on purpose.
///
/// Creating one is cheap: the library is opened and the context created when the first script
/// or services file runs, so calls that run none never load JavaScriptCore.
///
/// Not thread-safe; one per engine.
final class ScriptEngine {
    /// The form of a source text.
    enum Kind: String {
        /// A JavaScript expression; its value is returned.
        case expression
        /// A function body; `return` gives the value.
        case body
        /// A JUEL-style `${expr}`, whose data keys are variables of the expression.
        case dataExpression
        /// A call of the service named by the source (a dotted path into the services), with
        /// `(input, context)`.
        case service
    }

    let timeLimit: Double
    /// The JavaScriptCore library file to open, a soname or a path.
    let libraryFile: String
    private var runtime: ScriptRuntime?
    /// Services files read by `deferServices`, run right after the context is created.
    private var deferredServices: [(source: String, file: String)] = []
    /// The error of a deferred services file, thrown again by every later run, because the
    /// services the file should have added are missing.
    private var deferredServicesFailure: Error?

    init(timeLimit: Double, libraryFile: String = JavaScriptCoreLibrary.defaultFile) {
        self.timeLimit = timeLimit
        self.libraryFile = libraryFile
    }

    /// Whether this engine has created its JavaScriptCore context.
    var isStarted: Bool { runtime != nil }

    /// Returns the runtime, opening the library and creating the context on first use.
    /// - Throws: `JavaScriptUnavailableError` when the library cannot be loaded; every later
    ///   call throws it again.
    private func startedRuntime() throws -> ScriptRuntime {
        if let deferredServicesFailure { throw deferredServicesFailure }
        if let runtime { return runtime }

        let library = try JavaScriptCoreLibrary.load(file: libraryFile)
        let created = ScriptRuntime(library: library, timeLimit: timeLimit)
        runtime = created
        try runDeferredServices()
        return created
    }

    /// Queues a services file to run when the first script runs, or runs it now when the
    /// context exists. A failure is thrown by that script run and every later one.
    /// - Throws: what `loadServices` throws, only when the context exists.
    func deferServices(source: String, file: String) throws {
        if runtime != nil {
            try loadServices(source: source, file: file)
        } else {
            deferredServices.append((source: source, file: file))
        }
    }

    private func runDeferredServices() throws {
        let files = deferredServices
        deferredServices = []
        do {
            for file in files { try loadServices(source: file.source, file: file.file) }
        } catch {
            deferredServicesFailure = error
            throw error
        }
    }

    /// Runs `source` as `kind` with the scope bound; `elementId` names the element in errors.
    /// - Throws: `EngineError.scriptFailed` with the JavaScript message,
    ///   `EngineError.scriptTimedOut` after `timeLimit` seconds of CPU time, or
    ///   `JavaScriptUnavailableError` when JavaScriptCore cannot be loaded.
    func run(_ kind: Kind, source: String, scope: ScriptScope, elementId: String) throws -> ScriptOutcome {
        let runtime = try startedRuntime()
        let result = runtime.call(kind, source: source, scope: scope)
        if runtime.timedOut {
            throw EngineError.scriptTimedOut(elementId: elementId, seconds: timeLimit)
        }

        switch result {
        case .failure(let exception):
            throw EngineError.scriptFailed(elementId: elementId, message: exception.message)
        case .success(nil):
            throw EngineError.scriptFailed(elementId: elementId, message: "the script produced no result")
        case .success(let text?):
            return try decodeOutcome(text, elementId: elementId)
        }
    }

    /// Evaluates a condition or attribute expression as bpmn-server does: one leading `$`
    /// is dropped (`$(a > 1)`, `$data.x`), `${…}` reads the data keys as variables, `#…` is
    /// a function body, anything else is a plain JavaScript expression.
    func evaluate(expression raw: String, scope: ScriptScope, elementId: String) throws -> ScriptOutcome {
        let text = raw.trimmingWhitespace(includingNewlines: true)
        if text.hasPrefix("=") {
            // Zeebe writes FEEL expressions with a leading '=' and no language attribute.
            throw EngineError.unsupportedExpressionLanguage(elementId: elementId, language: "FEEL", expression: text)
        }
        if text.hasPrefix("${"), text.hasSuffix("}") {
            let inner = String(text.dropFirst(2).dropLast())
            return try run(.dataExpression, source: inner, scope: scope, elementId: elementId)
        }
        if text.hasPrefix("#") {
            return try run(.body, source: "return " + text.dropFirst(), scope: scope, elementId: elementId)
        }
        let expression = text.hasPrefix("$") ? String(text.dropFirst()) : text
        return try run(.expression, source: expression, scope: scope, elementId: elementId)
    }

    /// Runs one services file. The file sees a `services` object and adds its functions to it
    /// (`services.add = (input, context) => input.v1 + input.v2`); service tasks call them by
    /// name, and scripts reach them as `appServices`.
    /// - Throws: `EngineError.serviceLoadFailed` with the file and the JavaScript message, or
    ///   `JavaScriptUnavailableError` when JavaScriptCore cannot be loaded.
    func loadServices(source: String, file: String) throws {
        let runtime = try startedRuntime()
        let wrapped = "(function (services) {\n" + source + "\n})(globalThis.__bpmnServices);"
        let result = runtime.evaluate(wrapped, file: file)
        if runtime.timedOut {
            throw EngineError.serviceLoadFailed(file: file, message: "it ran longer than \(JSONValue.format(number: timeLimit)) s")
        }
        if case .failure(let exception) = result {
            throw EngineError.serviceLoadFailed(file: file, message: exception.message)
        }
    }

    private func decodeOutcome(_ text: String, elementId: String) throws -> ScriptOutcome {
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw EngineError.scriptFailed(elementId: elementId, message: "the result is not JSON: \(error)")
        }
        let hasValue = json["hasValue"]?.boolValue ?? false
        return ScriptOutcome(
            value: hasValue ? json["value"] ?? .null : nil,
            data: json["data"],
            item: json["item"],
            output: json["output"],
            logs: (json["logs"]?.arrayValue ?? []).map {
                (level: $0["level"]?.stringValue ?? "log", message: $0["message"]?.stringValue ?? "")
            },
            messageMatchingKey: json["messageMatchingKey"] ?? .null,
            thrown: json["thrown"].flatMap { value -> ThrownEvent? in
                guard let kind = value["kind"]?.stringValue.flatMap(ThrownEvent.Kind.init(rawValue:)) else { return nil }
                return ThrownEvent(kind: kind, code: value["code"]?.stringValue, message: value["message"]?.stringValue)
            },
            loopEnded: json["loopEnded"] == .bool(true),
            input: json["input"],
            missingService: json["missingService"]?.stringValue)
    }
}
