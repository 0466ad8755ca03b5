/// Examples printed under a command's help, man page section, when its discussion has none.
enum CommandExamples {
    static let byCommand: [String: [String]] = [
        "model import": ["bpmn-inbox model import examples/*.bpmn", "bpmn-inbox model import ./models"],
        "model list": ["bpmn-inbox model list --json"],
        "start": [#"bpmn-inbox start 'Buy Used Car' --data '{"caseId": 1003}' --json"#],
        "instances": [
            #"bpmn-inbox instances --query '{"status": "running"}' --sort startedAt:desc --limit 20"#,
            #"bpmn-inbox instances --limit 20 --json --cursor "$(previous page's nextCursor)""#,
        ],
        "tasks": [#"bpmn-inbox tasks --mine --json"#],
        "items": [#"bpmn-inbox items '{"items.status": "wait"}' --matching --fields summary"#],
        "message": [#"bpmn-inbox message Paid --key '{"data.orderId": "A-1"}' --data '{"amount": 120}'"#],
        "signal": [#"bpmn-inbox signal Alarm --data '{"level": 2}'"#],
        "start-event": ["bpmn-inbox start-event 3f2a9c start_reminder --data '{}'"],
        "timers": ["bpmn-inbox timers --json"],
        "worker": ["bpmn-inbox worker --once"],
        "retry": [#"bpmn-inbox retry '{"items.status": "failed"}'"#],
        "demo": ["bpmn-inbox --db demo.sqlite demo --no-inbox"],
        "user add": ["bpmn-inbox user add alice --groups sales,hr"],
        "user list": ["bpmn-inbox user list --json"],
        "user remove": ["bpmn-inbox user remove alice"],
        "config get": ["bpmn-inbox config get admin-group"],
        "config set": ["bpmn-inbox config set admin-group ops"],
        "claim": [#"bpmn-inbox claim '{"items.id": "…"}'"#],
        "unclaim": [#"bpmn-inbox unclaim '{"items.id": "…"}'"#],
        "count": [#"bpmn-inbox count --query '{"status": "running"}'"#],
        "diagram": ["bpmn-inbox diagram 'Buy Used Car' --instance 3f2a9c"],
        "replay": ["bpmn-inbox replay 3f2a9c --interval 0.5"],
        "history": ["bpmn-inbox history 3f2a9c --json"],
    ]

    /// Returns the `Example:` lines for a command whose discussion has none, else nothing.
    static func lines(for command: CommandSpec) -> [String] {
        guard !command.discussion.contains("Example"), let examples = byCommand[command.name] else { return [] }
        return ["", "Example\(examples.count == 1 ? "" : "s"):"] + examples.map { "  " + $0 }
    }
}
