import BPMNModel
import WorkflowEngine

/// The kind of value a form input edits, which decides its editing keys and its check.
enum FormInputKind: Equatable {
    /// Free text (`string` and unknown form-field types).
    case text
    /// A whole number (`long`).
    case integer
    /// A calendar date written YYYY-MM-DD (`date`).
    case date
    /// A date, or a date and time in ISO 8601 (assignment due and follow-up dates).
    case dateOrDateTime
    /// Yes or no, toggled with Space (`boolean`).
    case boolean(BooleanEncoding)
    /// One of a list of choices (`enum`).
    case choice([FormField.EnumValue])
    /// A comma-separated list of names, sent as a JSON array of strings.
    case nameList
    /// A finite number, whole or decimal (assignment priority).
    case number
    /// A JSON object merged into the submitted data.
    case jsonObject

    var usesLineEditor: Bool {
        switch self {
        case .boolean, .choice: return false
        default: return true
        }
    }
}

/// One input of a form: its definition, the value being edited and its current error.
struct FormInput: Equatable {
    /// The data key the value is sent under ("" for the free JSON input, whose keys are
    /// merged at the top level).
    var key: String
    var label: String
    var kind: FormInputKind
    var isRequired = false
    var isReadOnly = false
    var minimum: Double?
    var maximum: Double?
    var minimumLength: Int?
    var maximumLength: Int?

    /// Example text shown dimmed while a text input is empty.
    var placeholder: String?

    var editor = LineEditor()
    /// True for the multi-line JSON editor of task and start forms, which edits `area`
    /// instead of `editor`: Enter inserts a line break there and Ctrl-S submits.
    var isMultiLine = false
    var area = TextArea()
    var flag = false
    /// The selected choice of a choice input; nil when nothing is chosen yet.
    var choiceIndex: Int?
    /// The message shown beside the input after a failed check.
    var error: String?

    init(key: String, label: String, kind: FormInputKind) {
        self.key = key
        self.label = label
        self.kind = kind
    }

    // MARK: Editing

    /// Applies an editing key to the value.
    /// - Returns: whether the input used the key.
    mutating func handle(_ key: Key) -> Bool {
        guard !isReadOnly else { return false }

        switch kind {
        case .boolean:
            guard key == .character(" ") || key == .left || key == .right else { return false }
            flag.toggle()
        case .choice(let choices):
            guard !choices.isEmpty else { return false }
            switch key {
            case .character(" "), .right:
                choiceIndex = choiceIndex.map { ($0 + 1) % choices.count } ?? 0
            case .left:
                choiceIndex = choiceIndex.map { ($0 + choices.count - 1) % choices.count } ?? choices.count - 1
            default:
                return false
            }
        default:
            if isMultiLine {
                guard area.handle(key) else { return false }
            } else {
                guard editor.handle(key) else { return false }
            }
        }

        error = nil
        return true
    }

    /// Inserts pasted text. Line breaks start a new line in the multi-line editor and become
    /// spaces elsewhere, so a paste never moves to another field or ends the form.
    mutating func paste(_ character: Character) {
        guard kind.usesLineEditor, !isReadOnly else { return }
        if isMultiLine {
            area.paste(character)
            error = nil
            return
        }
        editor.insert(character.isNewline || character == "\t" ? " " : character)
        error = nil
    }

    /// The value as the form shows it (for yes/no and choice inputs; text inputs show
    /// their editor).
    var displayValue: String {
        switch kind {
        case .boolean(let encoding):
            let box = flag ? "[x]" : "[ ]"
            return encoding == .json ? box : "\(box) sends \((flag ? encoding.yes : encoding.no).jsonText)"
        case .choice(let choices):
            guard let index = choiceIndex, choices.indices.contains(index) else { return "< choose >" }
            let choice = choices[index]
            return "< \(choice.name ?? choice.id) >"
        default:
            return text
        }
    }

    /// The text being edited by the single-line or the multi-line editor.
    var text: String { isMultiLine ? area.text : editor.text }

    // MARK: Setting values

    /// Sets the value from existing data or a model's `defaultValue`.
    mutating func prefill(with value: JSONValue) {
        switch kind {
        case .boolean(let encoding):
            flag = value == encoding.yes || value == .bool(true)
                || ["true", "yes", "on", "1"].contains(value.plainText.lowercased())
        case .choice(let choices):
            choiceIndex = choices.firstIndex { $0.id == value.plainText }
        case .nameList:
            if let names = value.arrayValue {
                editor.setText(names.map(\.plainText).joined(separator: ", "))
            } else {
                editor.setText(value.plainText)
            }
        case .jsonObject:
            if isMultiLine {
                area.setText(value.prettyText)
            } else {
                editor.setText(value.jsonText)
            }
        default:
            editor.setText(value.plainText)
        }
    }
}

extension JSONValue {
    /// The value as plain text: strings without quotes, null as "", others as JSON.
    var plainText: String {
        switch self {
        case .null: return ""
        case .string(let text): return text
        default: return jsonText
        }
    }
}
