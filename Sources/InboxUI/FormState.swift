import Foundation
import WorkflowEngine

/// The engine call a form makes when it is submitted.
enum FormPurpose: Equatable {
    /// Start an instance of the model.
    case start(modelName: String)
    /// Complete (invoke) a waiting user task.
    case complete(TaskSummary)
    /// Change the assignment fields of a waiting user task.
    case assign(TaskSummary)
    /// Complete every marked task with the same data; they share one form.
    case completeMany([TaskSummary])
    /// Change the same assignment fields of every marked task.
    case assignMany([TaskSummary])
    /// Send a message to the receiver that waits for it (`throwMessage`).
    case message
    /// Broadcast a signal (`throwSignal`).
    case signal
    /// Trigger an element of a running instance (`startEvent`).
    case startEvent(InstanceRecord)
    /// Run a failed item of an instance again (`retry`).
    case retry(InstanceRecord)

    /// The conversion of the form's inputs into the payload of its engine call.
    var payloadStyle: FormPayloadStyle {
        switch self {
        case .start, .complete, .completeMany: return .data
        case .assign, .assignMany: return .assignment
        case .message, .signal, .startEvent, .retry: return .fields
        }
    }
}

/// A conversion of a form's inputs into the payload of its engine call.
enum FormPayloadStyle: Equatable {
    /// One data object: typed inputs by key, merged with the free JSON input.
    case data
    /// Only the assignment fields that changed.
    case assignment
    /// Each input's value under its own key, JSON inputs included (`validatedFields`).
    case fields
}

/// The outcome of a key in an open form.
enum FormEvent: Equatable {
    case none, submit, cancel
}

/// An open form: its inputs, which one has focus, and the errors to show.
struct FormState: Equatable {
    var purpose: FormPurpose
    var title: String
    /// Text shown above the inputs (the task's documentation).
    var documentation: String?
    var inputs: [FormInput]
    var focus = 0
    /// The engine's error after a failed submit; the form stays open to fix and resend.
    var failure: String?
    /// Values the inputs started with, to send only changed assignment fields.
    var initialValues: [String: JSONValue?] = [:]
    /// True between the start and end of a bracketed paste.
    var isPasting = false
    /// Known user names that Ctrl-N completes in the assignee and candidate-user inputs.
    var userNames: [String] = []
    /// The typed start of the name Ctrl-N is cycling through, until another key is pressed.
    var completionPrefix: String?

    init(purpose: FormPurpose, title: String, documentation: String? = nil, inputs: [FormInput]) {
        self.purpose = purpose
        self.title = title
        self.documentation = documentation
        self.inputs = inputs
        self.focus = inputs.firstIndex { !$0.isReadOnly } ?? 0
    }

    var focusedInput: FormInput? { inputs.indices.contains(focus) ? inputs[focus] : nil }

    /// Returns the text of the input with `key`: a choice's id, else the edited text; empty
    /// when the form has no such input.
    func fieldText(_ key: String) -> String {
        guard let input = inputs.first(where: { $0.key == key }) else { return "" }
        if case .choice(let choices) = input.kind {
            return input.choiceIndex.flatMap { choices.indices.contains($0) ? choices[$0].id : nil } ?? ""
        }
        return input.text
    }

    /// Sets the JSON input with `key` to `value`, or empties it when `value` is nil.
    mutating func setJSONField(_ key: String, to value: JSONValue?) {
        guard let index = inputs.firstIndex(where: { $0.key == key }) else { return }
        if let value {
            inputs[index].prefill(with: value)
        } else if inputs[index].isMultiLine {
            inputs[index].area.setText("")
        } else {
            inputs[index].editor.setText("")
        }
    }

    // MARK: Keys

    /// Applies a key: form keys (submit, cancel, move) first, then the focused input's
    /// editing keys. Enter on the last input submits.
    mutating func handle(_ key: Key) -> FormEvent {
        if let event = handlePaste(key) { return event }

        if key == .control("n") {
            completeUserName()
            return .none
        }
        completionPrefix = nil

        if let input = focusedInput, input.isMultiLine, !input.isReadOnly, Self.isMultiLineEditingKey(key, in: input.area) {
            if inputs[focus].handle(key) { failure = nil }
            return .none
        }

        if let action = KeyMap.formAction(for: key) {
            switch action {
            case .submit: return .submit
            case .cancel: return .cancel
            case .nextField: moveFocus(by: 1)
            case .previousField: moveFocus(by: -1)
            }
            return .none
        }

        if key == .enter {
            if focus == lastEditableIndex { return .submit }
            moveFocus(by: 1)
            return .none
        }

        if inputs.indices.contains(focus), inputs[focus].handle(key) {
            failure = nil
        }
        return .none
    }

    /// Inputs whose values are user names, so Ctrl-N completes them.
    static let userNameKeys: Set<String> = ["assignee", "candidateUsers"]

    /// Returns the known names that start with the word being typed in the focused input
    /// (the part after the last comma of a list), ignoring case and accents.
    func userNameSuggestions() -> [String] {
        guard let input = focusedInput, Self.userNameKeys.contains(input.key) else { return [] }
        let prefix = completionPrefix ?? Self.lastWord(of: input.editor.text)
        let folded = PaneRow.folded(prefix)
        return userNames.filter { PaneRow.folded($0).hasPrefix(folded) }
    }

    /// Replaces the word being typed with the next known name that starts with it.
    private mutating func completeUserName() {
        guard inputs.indices.contains(focus), Self.userNameKeys.contains(inputs[focus].key) else { return }
        let text = inputs[focus].editor.text
        let current = Self.lastWord(of: text)
        if completionPrefix == nil { completionPrefix = current }
        let matches = userNameSuggestions()
        guard !matches.isEmpty else { return }

        let next = matches.firstIndex(of: current).map { matches[($0 + 1) % matches.count] } ?? matches[0]
        let head = text.lastIndex(of: ",").map { String(text[...$0]) + " " } ?? ""
        inputs[focus].editor.setText(head + next)
        inputs[focus].error = nil
    }

    private static func lastWord(of text: String) -> String {
        let word = text.lastIndex(of: ",").map { String(text[text.index(after: $0)...]) } ?? text
        return word.trimmingCharacters(in: .whitespaces)
    }

    /// Returns whether the multi-line editor takes `key` instead of the form: Enter, and Up or Down
    /// while the cursor can move inside the text.
    private static func isMultiLineEditingKey(_ key: Key, in area: TextArea) -> Bool {
        switch key {
        case .enter: return true
        case .up: return area.canMove(down: false)
        case .down: return area.canMove(down: true)
        default: return false
        }
    }

    /// Handles keys of a bracketed paste: text goes into the focused input, and Enter or
    /// Tab inside the paste become spaces instead of moving or submitting.
    private mutating func handlePaste(_ key: Key) -> FormEvent? {
        switch key {
        case .pasteBegin:
            isPasting = true
            return FormEvent.none
        case .pasteEnd:
            isPasting = false
            return FormEvent.none
        default:
            break
        }
        guard isPasting, inputs.indices.contains(focus) else { return nil }

        switch key {
        case .character(let character): inputs[focus].paste(character)
        case .enter: inputs[focus].paste("\n")
        case .tab: inputs[focus].paste("\t")
        default: return nil
        }
        return FormEvent.none
    }

    private var lastEditableIndex: Int {
        inputs.lastIndex { !$0.isReadOnly } ?? inputs.count - 1
    }

    /// Moves focus to the next (or previous) editable input, wrapping around.
    mutating func moveFocus(by step: Int) {
        guard !inputs.isEmpty else { return }
        var index = focus
        for _ in 0..<inputs.count {
            index = (index + step + inputs.count) % inputs.count
            if !inputs[index].isReadOnly { break }
        }
        focus = index
    }

    // MARK: Submitting

    /// Checks every input and builds the data object to send: the typed inputs, merged
    /// with the keys of the free JSON input. Read-only and empty optional inputs are left out.
    /// A key of the JSON input that names a form field would bypass that field's check, so
    /// it is an error of the JSON input.
    /// - Returns: the data, or nil when an input is invalid; each invalid input gets its
    ///   error and focus moves to the first of them.
    mutating func validatedData() -> JSONValue? {
        var typed: [String: JSONValue] = [:]
        var extra: JSONValue = .emptyObject
        var firstInvalid: Int?

        for index in inputs.indices where !inputs[index].isReadOnly {
            do {
                let value = try inputs[index].validatedValue()
                inputs[index].error = nil
                guard let value else { continue }
                if inputs[index].kind == .jsonObject {
                    try checkNoFormFieldKeys(in: value)
                    extra = value
                } else {
                    typed[inputs[index].key] = value
                }
            } catch let error as FormInputError {
                inputs[index].error = error.message
                if let position = error.position, inputs[index].isMultiLine {
                    inputs[index].area.moveCursor(line: position.line, column: position.column)
                }
                firstInvalid = firstInvalid ?? index
            } catch {
                inputs[index].error = "\(error)"
                firstInvalid = firstInvalid ?? index
            }
        }

        if let firstInvalid {
            focus = firstInvalid
            return nil
        }
        return JSONValue.object(typed).merging(extra)
    }

    /// Rejects keys of the free JSON input that name one of the form's typed inputs,
    /// read-only ones included.
    /// - Throws: `FormInputError` naming each such key and the input to use instead.
    private func checkNoFormFieldKeys(in extra: JSONValue) throws {
        guard let keys = extra.objectValue?.keys else { return }
        let fields = inputs.filter { $0.kind != .jsonObject && keys.contains($0.key) }
        guard !fields.isEmpty else { return }

        let reasons = fields.map { field -> String in
            let isLabelTheKey = field.label.lowercased() == field.key.lowercased()
            let name = isLabelTheKey ? field.key : "\(field.key) (\"\(field.label)\")"
            if field.isReadOnly { return "\(name) is a read-only form field; remove it" }
            return "\(name) is a form field; set it above"
        }
        throw FormInputError(message: reasons.joined(separator: "; "))
    }

    /// Checks every input and builds the assignment object. It contains only the fields
    /// whose value differs from the one the form opened with, and a cleared field is null.
    /// - Returns: the assignment (possibly empty), or nil when an input is invalid.
    mutating func validatedAssignment() -> JSONValue? {
        var changed: [String: JSONValue] = [:]
        var firstInvalid: Int?

        for index in inputs.indices where !inputs[index].isReadOnly {
            do {
                let value = try inputs[index].validatedValue()
                inputs[index].error = nil
                let key = inputs[index].key
                let initial = initialValues[key] ?? nil
                if value != initial {
                    changed[key] = value ?? .null
                }
            } catch let error as FormInputError {
                inputs[index].error = error.message
                firstInvalid = firstInvalid ?? index
            } catch {
                inputs[index].error = "\(error)"
                firstInvalid = firstInvalid ?? index
            }
        }

        if let firstInvalid {
            focus = firstInvalid
            return nil
        }
        return .object(changed)
    }

    /// Checks every input and returns an object with each input's value under its key. JSON
    /// inputs stay separate values here, and empty optional inputs are left out.
    /// - Returns: the values, or nil when an input is invalid; each invalid input gets its
    ///   error and focus moves to the first of them.
    mutating func validatedFields() -> JSONValue? {
        var values: [String: JSONValue] = [:]
        var firstInvalid: Int?

        for index in inputs.indices where !inputs[index].isReadOnly {
            do {
                let value = try inputs[index].validatedValue()
                inputs[index].error = nil
                if let value { values[inputs[index].key] = value }
            } catch let error as FormInputError {
                inputs[index].error = error.message
                firstInvalid = firstInvalid ?? index
            } catch {
                inputs[index].error = "\(error)"
                firstInvalid = firstInvalid ?? index
            }
        }

        if let firstInvalid {
            focus = firstInvalid
            return nil
        }
        return .object(values)
    }

    /// Records the current values as the ones the form opened with.
    mutating func recordInitialValues() {
        for input in inputs {
            initialValues[input.key] = .some((try? input.validatedValue()) ?? nil)
        }
    }
}
