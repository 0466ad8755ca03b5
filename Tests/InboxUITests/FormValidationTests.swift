import BPMNModel
import WorkflowEngine
import XCTest

@testable import InboxUI

final class FormValidationTests: XCTestCase {
    private func input(_ field: FormField, conditions: [String] = []) -> FormInput {
        FormFactory.input(for: field, conditions: conditions)
    }

    private func typed(_ text: String, into input: FormInput) -> FormInput {
        var result = input
        for character in text { _ = result.handle(.character(character)) }
        return result
    }

    private func errorMessage(_ input: FormInput) -> String? {
        do {
            _ = try input.validatedValue()
            return nil
        } catch let error as FormInputError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    // MARK: Boolean

    func testBooleanSpaceToggles() throws {
        var field = input(FormField(id: "ok", type: "boolean"))

        _ = field.handle(.character(" "))

        XCTAssertEqual(try field.validatedValue(), .bool(true))
    }

    func testBooleanDefaultsToFalse() throws {
        XCTAssertEqual(try input(FormField(id: "ok", type: "boolean")).validatedValue(), .bool(false))
    }

    func testBooleanFollowsYesNoCondition() throws {
        var field = input(
            FormField(id: "needsCleaning", type: "boolean"),
            conditions: [#"$(item.data.needsCleaning=="Yes")"#])

        XCTAssertEqual(try field.validatedValue(), .string("No"))
        _ = field.handle(.character(" "))
        XCTAssertEqual(try field.validatedValue(), .string("Yes"))
    }

    func testBooleanFollowsTrueStringCondition() throws {
        let field = input(FormField(id: "vote", type: "boolean"), conditions: [#"$(item.data.vote == "true")"#])

        XCTAssertEqual(field.kind, .boolean(BooleanEncoding(yes: .string("true"), no: .string("false"))))
    }

    func testBooleanIgnoresConditionsOnOtherFields() {
        let field = input(FormField(id: "vote", type: "boolean"), conditions: [#"$(data.voted == "Yes")"#])

        XCTAssertEqual(field.kind, .boolean(.json))
    }

    func testBooleanPrefillsFromDefaultValue() throws {
        var field = input(FormField(id: "ok", type: "boolean"))

        field.prefill(with: "true")

        XCTAssertEqual(try field.validatedValue(), .bool(true))
    }

    // MARK: Enum

    private let colors = FormField(
        id: "color", type: "enum",
        values: [.init(id: "r", name: "Red"), .init(id: "g", name: "Green"), .init(id: "b", name: "Blue")])

    func testEnumRightCyclesChoices() throws {
        var field = input(colors)

        _ = field.handle(.right)
        _ = field.handle(.right)

        XCTAssertEqual(try field.validatedValue(), .string("g"))
    }

    func testEnumLeftWrapsToLastChoice() throws {
        var field = input(colors)
        field.prefill(with: "r")

        _ = field.handle(.left)

        XCTAssertEqual(try field.validatedValue(), .string("b"))
    }

    func testEnumSpaceCyclesChoices() throws {
        var field = input(colors)
        field.prefill(with: "b")

        _ = field.handle(.character(" "))

        XCTAssertEqual(try field.validatedValue(), .string("r"))
    }

    func testEnumRequiredWithoutChoiceIsRejected() {
        var definition = colors
        definition.constraints = [.init(name: "required", config: nil)]

        XCTAssertEqual(errorMessage(input(definition)), "required: enter a value")
    }

    // MARK: Long

    private let amount = FormField(
        id: "amount", type: "long", constraints: [.init(name: "min", config: "1"), .init(name: "max", config: "10")])

    func testLongInRangeIsANumber() throws {
        XCTAssertEqual(try typed("7", into: input(amount)).validatedValue(), .number(7))
    }

    func testLongBelowMinimumIsRejected() {
        XCTAssertEqual(errorMessage(typed("0", into: input(amount))), "must be 1 or more")
    }

    func testLongAboveMaximumIsRejected() {
        XCTAssertEqual(errorMessage(typed("11", into: input(amount))), "must be 10 or less")
    }

    func testLongRejectsFraction() {
        XCTAssertEqual(errorMessage(typed("1.5", into: input(amount))), "'1.5' is not a whole number")
    }

    // MARK: Date

    private let day = FormField(id: "day", type: "date")

    func testDateAcceptsLeapDay() throws {
        XCTAssertEqual(try typed("2024-02-29", into: input(day)).validatedValue(), .string("2024-02-29"))
    }

    func testDateRejectsDayMissingFromMonth() {
        XCTAssertEqual(errorMessage(typed("2023-02-29", into: input(day))), "'2023-02-29' is not a date; write YYYY-MM-DD")
    }

    func testDateRejectsMonthThirteen() {
        XCTAssertNotNil(errorMessage(typed("2024-13-01", into: input(day))))
    }

    func testDateRejectsShortForm() {
        XCTAssertNotNil(errorMessage(typed("2024-5-1", into: input(day))))
    }

    // MARK: String and required

    func testRequiredEmptyTextIsRejected() {
        let field = input(FormField(id: "name", constraints: [.init(name: "required", config: nil)]))

        XCTAssertEqual(errorMessage(field), "required: enter a value")
    }

    func testOptionalEmptyTextIsLeftOut() throws {
        XCTAssertNil(try input(FormField(id: "name")).validatedValue())
    }

    func testStringShorterThanMinimumLengthIsRejected() {
        let field = input(FormField(id: "code", constraints: [.init(name: "minlength", config: "3")]))

        XCTAssertEqual(errorMessage(typed("ab", into: field)), "needs at least 3 characters, has 2")
    }

    func testStringLongerThanMaximumLengthIsRejected() {
        let field = input(FormField(id: "code", constraints: [.init(name: "maxlength", config: "2")]))

        XCTAssertEqual(errorMessage(typed("abc", into: field)), "allows at most 2 characters, has 3")
    }

    func testReadOnlyInputIgnoresKeys() {
        var field = input(FormField(id: "code", defaultValue: "A1", constraints: [.init(name: "readonly", config: nil)]))
        field.prefill(with: "A1")

        XCTAssertFalse(field.handle(.character("x")))
        XCTAssertEqual(field.editor.text, "A1")
    }

    // MARK: JSON input and the whole form

    private func jsonForm(_ text: String, fields: [FormField] = []) -> FormState {
        var form = FormFactory.startForm(modelName: "M", definitions: nil)
        form.inputs.insert(contentsOf: fields.map { input($0) }, at: 0)
        let jsonIndex = form.inputs.count - 1
        form.inputs[jsonIndex] = typed(text, into: form.inputs[jsonIndex])
        return form
    }

    func testInvalidJSONKeepsFormOpenWithError() {
        var form = jsonForm("{\"a\": ")

        XCTAssertNil(form.validatedData())
        XCTAssertTrue(form.inputs.last?.error?.hasPrefix("not valid JSON") ?? false)
    }

    func testJSONArrayIsRejected() {
        var form = jsonForm("[1, 2]")

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.inputs.last?.error, "must be a JSON object such as {\"amount\": 100}")
    }

    func testJSONKeysBesideFormFieldsAreMerged() {
        var form = jsonForm("{\"extra\": 1}", fields: [FormField(id: "name")])
        form.inputs[0] = typed("typed", into: form.inputs[0])

        XCTAssertEqual(form.validatedData(), ["name": "typed", "extra": 1])
    }

    func testJSONKeyOfTypedFieldIsRejected() {
        var form = jsonForm("{\"amount\": \"lots\", \"note\": \"x\"}", fields: [FormField(id: "amount", type: "long")])
        form.inputs[0] = typed("100", into: form.inputs[0])
        form.focus = 0

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.inputs.last?.error, "amount is a form field; set it above")
        XCTAssertNil(form.inputs[0].error)
        XCTAssertEqual(form.focus, form.inputs.count - 1)
    }

    func testJSONKeyOfEmptyOptionalFieldIsRejected() {
        var form = jsonForm("{\"amount\": 5}", fields: [FormField(id: "amount", type: "long")])

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.inputs.last?.error, "amount is a form field; set it above")
    }

    func testJSONKeyConflictNamesLabel() {
        var form = jsonForm("{\"amount\": 5}", fields: [FormField(id: "amount", label: "Amount (EUR)", type: "long")])

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.inputs.last?.error, "amount (\"Amount (EUR)\") is a form field; set it above")
    }

    func testJSONKeyOfReadOnlyFieldIsRejected() {
        var form = jsonForm("{\"ref\": \"B2\"}", fields: [FormField(id: "ref", constraints: [.init(name: "readonly", config: nil)])])

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.inputs.last?.error, "ref is a read-only form field; remove it")
    }

    func testJSONKeyConflictKeepsTypedErrorFirst() {
        var form = jsonForm("{\"amount\": 5}", fields: [FormField(id: "n", type: "long"), FormField(id: "amount")])
        form.inputs[0] = typed("x", into: form.inputs[0])

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.focus, 0)
        XCTAssertEqual(form.inputs.last?.error, "amount is a form field; set it above")
    }

    func testControlCCancelsForm() {
        var form = jsonForm("{}")

        XCTAssertEqual(form.handle(.control("c")), .cancel)
    }

    func testFormFocusesFirstInvalidInput() {
        var form = jsonForm("{}", fields: [FormField(id: "ok"), FormField(id: "n", type: "long")])
        form.inputs[1] = typed("x", into: form.inputs[1])
        form.focus = 0

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.focus, 1)
    }

    func testEnterOnLastSingleLineInputSubmits() {
        var form = FormFactory.assignForm(task: TestSupport.task(id: "1", name: "Buy", instanceName: "Car"))
        form.focus = form.inputs.count - 1

        XCTAssertEqual(form.handle(.enter), .submit)
    }

    func testEnterInJSONEditorStartsNewLine() {
        var form = jsonForm("{")

        let event = form.handle(.enter)

        XCTAssertEqual(event, FormEvent.none)
        XCTAssertEqual(form.inputs.last?.area.text, "{\n")
    }

    func testPastedNewlineDoesNotSubmit() {
        var form = jsonForm("")

        _ = form.handle(.pasteBegin)
        let event = form.handle(.enter)
        _ = form.handle(.pasteEnd)

        XCTAssertEqual(event, FormEvent.none)
        XCTAssertEqual(form.inputs.last?.area.text, "\n")
    }

    func testPastedJSONKeepsItsLines() {
        var form = jsonForm("")

        _ = form.handle(.pasteBegin)
        for character in "{\n  \"a\": 1\n}" { _ = form.handle(character == "\n" ? .enter : .character(character)) }
        _ = form.handle(.pasteEnd)

        XCTAssertEqual(form.validatedData(), ["a": 1])
    }

    func testInvalidJSONErrorNamesLineAndColumn() {
        var form = jsonForm("")
        for key in [Key.character("{"), .enter, .character("\""), .character("a"), .character("\""), .character(":"), .character(" "), .character("}")] {
            _ = form.handle(key)
        }

        XCTAssertNil(form.validatedData())
        let error = form.inputs.last?.error ?? ""
        XCTAssertTrue(error.hasPrefix("not valid JSON at line 2, column 6"), error)
    }

    func testInvalidJSONMovesCursorToError() {
        var form = jsonForm("")
        for key in [Key.character("{"), .enter, .character("x"), .enter, .character("}")] {
            _ = form.handle(key)
        }

        XCTAssertNil(form.validatedData())
        XCTAssertEqual(form.inputs.last?.area.row, 1)
        XCTAssertEqual(form.inputs.last?.area.column, 0)
    }

    func testUpInJSONEditorMovesLineBeforeLeavingField() {
        var form = jsonForm("")
        _ = form.handle(.character("{"))
        _ = form.handle(.enter)
        let jsonIndex = form.inputs.count - 1

        _ = form.handle(.up)
        XCTAssertEqual(form.focus, jsonIndex)
        XCTAssertEqual(form.inputs.last?.area.row, 0)
    }

    func testControlNCompletesKnownUserName() {
        var form = FormFactory.assignForm(task: TestSupport.task(id: "1", name: "Buy", instanceName: "Car", assignee: nil))
        form.userNames = ["alice", "albert", "bob"]
        form.focus = 0
        _ = form.handle(.character("a"))
        _ = form.handle(.character("l"))

        _ = form.handle(.control("n"))
        XCTAssertEqual(form.inputs[0].editor.text, "alice")
        _ = form.handle(.control("n"))
        XCTAssertEqual(form.inputs[0].editor.text, "albert")
    }

    // MARK: Assign form

    func testAssignSendsOnlyChangedFields() {
        var form = FormFactory.assignForm(task: TestSupport.task(id: "1", name: "Buy", instanceName: "Car"))
        form.inputs[5] = typed("7", into: form.inputs[5])

        XCTAssertEqual(form.validatedAssignment(), ["priority": 7])
    }

    func testAssignSendsClearedFieldAsNull() {
        var form = FormFactory.assignForm(task: TestSupport.task(id: "1", name: "Buy", instanceName: "Car"))
        _ = form.inputs[0].handle(.control("u"))

        XCTAssertEqual(form.validatedAssignment(), ["assignee": .null])
    }

    func testAssignSplitsCandidateLists() {
        var form = FormFactory.assignForm(task: TestSupport.task(id: "1", name: "Buy", instanceName: "Car"))
        form.inputs[2] = typed("Employee, Manager ,", into: form.inputs[2])

        XCTAssertEqual(form.validatedAssignment(), ["candidateGroups": ["Employee", "Manager"]])
    }

    func testAssignRejectsInvalidDueDate() {
        var form = FormFactory.assignForm(task: TestSupport.task(id: "1", name: "Buy", instanceName: "Car"))
        form.inputs[3] = typed("tomorrow", into: form.inputs[3])

        XCTAssertNil(form.validatedAssignment())
        XCTAssertTrue(form.inputs[3].error?.contains("'tomorrow' is not a date") ?? false)
    }
}
