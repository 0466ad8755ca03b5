import BPMNModel

/// Checks a parsed model for values the engine would reject at run time, so the problem is
/// reported when the model is imported, with the element it sits on.
enum ModelValidator {
    /// - Throws: `EngineError.invalidModel` naming the first invalid element and value.
    static func validate(_ definitions: Definitions, name: String) throws {
        for process in definitions.processes {
            try validate(process.body, model: name)
        }
    }

    private static func validate(_ container: FlowContainer, model: String) throws {
        for node in container.nodes {
            for definition in node.eventDefinitions {
                if case .timer(let timer) = definition {
                    try validate(timer, elementId: node.id, model: model)
                }
            }
            if let inner = node.subProcess {
                try validate(inner, model: model)
            }
        }
    }

    private static func validate(_ timer: TimerDefinition, elementId: String, model: String) throws {
        guard let entry = timer.scheduleValue else {
            throw EngineError.invalidModel(
                name: model, reason: "timer '\(elementId)' has no timeDate, timeDuration or timeCycle; add one")
        }
        let text = entry.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("$") { return }
        guard !text.isEmpty, TimerSchedule.parse(text, kind: entry.kind) != nil else {
            throw EngineError.invalidModel(
                name: model,
                reason: "invalid \(entry.kind) '\(text)' on '\(elementId)': expected an ISO 8601 date, a duration "
                    + "(PT5M), a repeating interval (R3/PT10M, R/PT1H, R2/2030-01-01T09:00:00Z/P1D) or a cron "
                    + "expression (0 9 * * 1-5)")
        }
    }
}
