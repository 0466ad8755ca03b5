import BPMNModel
import XCTest

/// `camunda:formData` on user tasks and start events.
final class FormFieldTests: XCTestCase {
    private func formFields(_ extensionElements: String) throws -> [FormField] {
        let xml = Fixture.process(
            """
            <bpmn:userTask id="Task_1">
              <bpmn:extensionElements>
              \(extensionElements)
              </bpmn:extensionElements>
            </bpmn:userTask>
            """)
        return try XCTUnwrap(Fixture.parse(xml).node(id: "Task_1")).formFields
    }

    func testEnumFieldWithValuesAndConstraints() throws {
        let fields = try formFields(
            """
            <camunda:formData>
              <camunda:formField id="size" label="Größe" type="enum" defaultValue="m">
                <camunda:value id="s" name="Small" />
                <camunda:value id="m" name="Medium" />
                <camunda:value id="l" />
                <camunda:validation>
                  <camunda:constraint name="required" />
                  <camunda:constraint name="maxlength" config="1" />
                </camunda:validation>
                <camunda:properties>
                  <camunda:property id="hint" value="pick one" />
                </camunda:properties>
              </camunda:formField>
            </camunda:formData>
            """)

        let field = try XCTUnwrap(fields.first)
        XCTAssertEqual(fields.count, 1)
        XCTAssertEqual(field.id, "size")
        XCTAssertEqual(field.label, "Größe")
        XCTAssertEqual(field.type, "enum")
        XCTAssertEqual(field.defaultValue, "m")
        XCTAssertEqual(
            field.values,
            [
                FormField.EnumValue(id: "s", name: "Small"),
                FormField.EnumValue(id: "m", name: "Medium"),
                FormField.EnumValue(id: "l", name: nil),
            ])
        XCTAssertEqual(
            field.constraints,
            [
                FormField.Constraint(name: "required", config: nil),
                FormField.Constraint(name: "maxlength", config: "1"),
            ])
        XCTAssertTrue(field.isRequired)
        XCTAssertEqual(field.constraintValue("maxlength"), 1)
        XCTAssertEqual(field.properties, ["hint": "pick one"])
    }

    func testUntypedFieldDefaultsToString() throws {
        let fields = try formFields(
            """
            <camunda:formData>
              <camunda:formField id="note" label="Note" />
              <camunda:formField id="amount" type="long" />
            </camunda:formData>
            """)

        XCTAssertEqual(fields.map(\.type), ["string", "long"])
    }

    func testCustomTypeIsKeptAsWritten() throws {
        let fields = try formFields(
            """
            <camunda:formData>
              <camunda:formField id="file" type="customFile" />
            </camunda:formData>
            """)

        XCTAssertEqual(fields.first?.type, "customFile")
    }

    func testFieldWithoutIdIsSkipped() throws {
        let fields = try formFields(
            """
            <camunda:formData>
              <camunda:formField label="no id" />
              <camunda:formField id="kept" />
            </camunda:formData>
            """)

        XCTAssertEqual(fields.map(\.id), ["kept"])
    }

    func testFieldsOfTwoFormDataBlocksAreJoined() throws {
        let fields = try formFields(
            """
            <camunda:formData><camunda:formField id="a" /></camunda:formData>
            <camunda:formData><camunda:formField id="b" /></camunda:formData>
            """)

        XCTAssertEqual(fields.map(\.id), ["a", "b"])
    }

    func testStartEventFormAndFormKey() throws {
        let xml = Fixture.process(
            """
            <bpmn:startEvent id="Start_1" camunda:formKey="embedded:app:start.html">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="caseId" type="long" defaultValue="1003" />
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            """)

        let start = try XCTUnwrap(Fixture.parse(xml).node(id: "Start_1"))

        XCTAssertEqual(start.formKey, "embedded:app:start.html")
        XCTAssertEqual(start.formFields.first?.defaultValue, "1003")
    }
}
