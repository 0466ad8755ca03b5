import BPMNModel
import Foundation
import WorkflowEngine
import XCTest

@testable import InboxUI

/// Compares every screen of the inbox at 80x24 and 120x40, with CJK, emoji and accented
/// names, with the text files in `Snapshots/`. At 80x24 each built-in theme is compared too.
final class ScreenSnapshotTests: XCTestCase {
    static let sizes = [ScreenSize(rows: 24, columns: 80), ScreenSize(rows: 40, columns: 120)]
    static let now = TestSupport.referenceDate

    override func setUp() {
        super.setUp()
        // Times render in the local zone; pin it so snapshots match on every machine.
        setenv("TZ", "UTC", 1)
        tzset()
        NSTimeZone.resetSystemTimeZone()
    }

    // MARK: Screens

    func testTasksScreenSnapshots() {
        for size in Self.sizes {
            let state = Self.tasksState(size: size)
            assertScreen(state, named: "tasks-\(size.columns)x\(size.rows)")
        }
    }

    func testTaskFormSnapshots() throws {
        for size in Self.sizes {
            var state = Self.tasksState(size: size)
            var form = FormFactory.completeForm(task: Self.tasks[1], definitions: try Self.formModel())
            form.inputs[form.inputs.count - 1].area.setText("{\n  \"note\": \"配送 📦\",\n  \"rush\": tru\n}")
            _ = form.validatedData()
            state.form = form
            assertScreen(state, named: "task-form-\(size.columns)x\(size.rows)")
        }
    }

    func testAssignFormSnapshots() {
        for size in Self.sizes {
            var state = Self.tasksState(size: size)
            var form = FormFactory.assignForm(task: Self.tasks[0])
            form.userNames = ["alice", "albert", "bob", "田中"]
            form.focus = 0
            form.inputs[0].editor.setText("al")
            state.form = form
            assertScreen(state, named: "assign-form-\(size.columns)x\(size.rows)")
        }
    }

    func testInstanceDetailTabSnapshots() {
        for size in Self.sizes {
            for tab in InstanceTab.allCases {
                var state = Self.tasksState(size: size)
                var detail = Self.instanceDetail()
                detail.tab = tab
                if tab == .data { detail.collapsedPaths = ["customer.address"] }
                state.detail = .instance(detail)
                state.focus = .detail
                state.detailSource = .instances
                state.instanceTab = tab
                assertScreen(state, named: "instance-\(tab.title.lowercased())-\(size.columns)x\(size.rows)")
            }
        }
    }

    func testHelpSnapshots() {
        for size in Self.sizes {
            var state = Self.tasksState(size: size)
            state.isShowingHelp = true
            assertScreen(state, named: "help-\(size.columns)x\(size.rows)")
        }
    }

    func testCommandLineSnapshots() {
        for size in Self.sizes {
            var state = Self.tasksState(size: size)
            var line = CommandLineState()
            line.editor.setText("theme dark")
            line.completions = ["theme dark", "theme default", "theme high-contrast"]
            line.completionIndex = 0
            state.commandLine = line
            assertScreen(state, named: "command-line-\(size.columns)x\(size.rows)")
        }
    }

    func testDialogSnapshots() {
        for size in Self.sizes {
            var state = Self.tasksState(size: size)
            state.dialog = Dialog(title: "Could not claim 1 of 3", paragraphs: [
                "車を洗う (中古車の購入 c0ffee): bob may not claim 車を洗う (item t-2): it is assigned to 田中; ask 田中 or an admin to reassign it",
            ])
            assertScreen(state, named: "dialog-\(size.columns)x\(size.rows)")
        }
    }

    // MARK: Themes

    func testEveryThemeTellsHighlightsFromPlainText() {
        let pairs: [(StyleRole, StyleRole)] = [
            (.selection, .normal), (.selectionInactive, .normal), (.selection, .selectionInactive),
            (.paneTitleFocused, .paneTitle), (.tabActive, .tab), (.marked, .normal),
            (.formValueFocused, .formValue), (.error, .normal),
        ]
        for name in Theme.builtInNames {
            let theme = Theme.builtIn(named: name)!
            for (highlight, plain) in pairs {
                XCTAssertNotEqual(theme.style(highlight), theme.style(plain), "\(name): \(highlight) looks like \(plain)")
            }
        }
    }

    func testMonoThemeShowsHighlightsWithAttributesOnly() {
        let theme = Theme.builtInMono
        for role in [StyleRole.selection, .selectionInactive, .paneTitleFocused, .tabActive, .marked, .formValueFocused] {
            XCTAssertFalse(theme.style(role).attributes.isEmpty, "mono gives \(role) no attribute")
        }
        XCTAssertFalse(theme.usesColor)
    }

    // MARK: Fixtures

    /// Compares the screen's text and roles at every size; at 80x24 also the styles each
    /// built-in theme gives them, in `themes/NAME/`.
    private func assertScreen(_ state: InboxState, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let screen = TestSupport.render(state)
        SnapshotSupport.assertSnapshot(SnapshotSupport.text(of: screen), named: name, file: file, line: line)
        guard state.layout.size == Self.sizes[0] else { return }
        for theme in Theme.builtInNames.compactMap(Theme.builtIn(named:)) {
            SnapshotSupport.assertSnapshot(
                SnapshotSupport.text(of: screen, theme: theme), named: "themes/\(theme.name)/\(name)", file: file, line: line)
        }
    }

    static let tasks: [TaskSummary] = {
        var buy = TestSupport.task(id: "t-1", name: "Buy", instanceName: "Buy Used Car")
        buy.item.priority = 80
        var wash = TestSupport.task(id: "t-2", name: "車を洗う", instanceName: "中古車の購入", assignee: "田中")
        wash.item.dueDate = now.addingTimeInterval(-86_400)
        var pack = TestSupport.task(id: "t-3", name: "📦 Pack parcel", instanceName: "🚚 Delivery", assignee: nil)
        pack.item.candidateGroups = ["shipping"]
        let approve = TestSupport.task(id: "t-4", name: "Approve Müller", instanceName: "Leave Application", assignee: "bob")
        return [buy, wash, pack, approve]
    }()

    static func tasksState(size: ScreenSize) -> InboxState {
        var state = TestSupport.state(
            size: size,
            models: ["Buy Used Car", "中古車の購入", "🚚 Delivery", "Leave Application"].map(TestSupport.model),
            instances: [
                TestSupport.instance(id: "c0ffee-1", name: "Buy Used Car"),
                TestSupport.instance(id: "c0ffee-2", name: "中古車の購入"),
                TestSupport.instance(id: "c0ffee-3", name: "🚚 Delivery"),
            ],
            tasks: tasks)
        state.panes[.tasks]?.setRows(PaneRows.taskRows(tasks, now: now))
        state.taskCounts = [.mine: 1, .myGroups: 1, .all: 4, .overdue: 1, .completedByMe: 12]
        state.marked = ["t-3"]
        state.newTaskCount = 2
        state.message = StatusMessage(text: "Claimed 📦 Pack parcel (🚚 Delivery).", kind: .success)
        return state
    }

    static func instanceDetail() -> InstanceDetail {
        let instance = InstanceRecord(
            id: "c0ffee-2", name: "中古車の購入", modelVersion: 1, status: .running,
            data: ["caseId": 1003, "customer": ["name": "田中 花子", "address": ["city": "東京", "zip": "100-0001"]], "items": [1, 2]],
            startedAt: now)
        func item(_ seq: Int, _ id: String, _ name: String, _ type: String, _ status: ItemStatus) -> ItemRecord {
            ItemRecord(
                id: "i-\(seq)", instanceId: instance.id, seq: seq, elementId: id, name: name, type: type, status: status,
                tokenId: 0, userName: "alice", startedAt: now.addingTimeInterval(Double(seq) * 60))
        }
        var start = item(1, "start", "Start", "bpmn:StartEvent", .end)
        start.endedAt = now.addingTimeInterval(60)
        var task = item(2, "wash", "車を洗う", "bpmn:UserTask", .wait)
        task.candidateGroups = ["garage"]
        task.dueDate = now.addingTimeInterval(86_400)
        var timer = item(3, "reminder", "Reminder ⏰", "bpmn:IntermediateCatchEvent", .wait)
        timer.timeDue = now.addingTimeInterval(3_600)
        var message = item(4, "payment", "Payment received", "bpmn:ReceiveTask", .wait)
        message.messageId = "payment"
        var failed = item(5, "invoice", "Send invoice", "bpmn:ServiceTask", .failed)
        failed.statusDetails = ["error": "service 'mailer' not found", "attempts": 3]
        let items = [start, task, timer, message, failed]

        var detail = InstanceDetail(
            instance: instance, execution: Execution(instance: instance, items: items, tokens: []), now: now)
        detail.history = [
            HistoryRecord(instanceId: instance.id, at: now, user: "alice", action: "start", elementId: "start", message: "started"),
            HistoryRecord(instanceId: instance.id, at: now.addingTimeInterval(300), user: "田中", action: "claim", itemId: "i-2",
                          message: "claimed '車を洗う'"),
            HistoryRecord(instanceId: instance.id, at: now.addingTimeInterval(600), user: nil, action: "error", itemId: "i-5",
                          message: "service 'mailer' not found"),
        ]
        return detail
    }

    static func formModel() throws -> Definitions {
        try BPMNParser.parse(string: """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:userTask id="task_t-2" name="車を洗う">
                  <bpmn:documentation>Wash the car before the customer 田中 picks it up 🚗.</bpmn:documentation>
                  <bpmn:extensionElements>
                    <camunda:formData>
                      <camunda:formField id="caseId" label="Case" type="string">
                        <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                      </camunda:formField>
                      <camunda:formField id="done" label="Washed?" type="boolean" />
                      <camunda:formField id="minutes" label="Minutes" type="long" defaultValue="30">
                        <camunda:validation><camunda:constraint name="min" config="1" /></camunda:validation>
                      </camunda:formField>
                      <camunda:formField id="pickup" label="Pick-up date" type="date" />
                      <camunda:formField id="level" label="Level" type="enum">
                        <camunda:value id="quick" name="Quick" />
                        <camunda:value id="full" name="Full 洗車" />
                      </camunda:formField>
                      <camunda:formField id="remark" label="Remark" type="string">
                        <camunda:validation><camunda:constraint name="required" /></camunda:validation>
                      </camunda:formField>
                    </camunda:formData>
                  </bpmn:extensionElements>
                </bpmn:userTask>
              </bpmn:process>
            </bpmn:definitions>
            """)
    }
}
