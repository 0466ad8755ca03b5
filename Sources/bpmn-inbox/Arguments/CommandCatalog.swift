/// Every subcommand of the tool with its help text.
enum CommandCatalog {
    static let modelImport = CommandSpec(
        path: ["model", "import"],
        summary: "import BPMN (and DMN) files as models",
        discussion: """
            Parses each FILE as BPMN 2.0 (bpmn.io or Camunda Modeler dialect) or as a DMN \
            decision model for business rule tasks, and stores it as a new version of the \
            model named after the file (Order.bpmn gives Order). Valid files are imported \
            even when others fail; each failure is reported with its path (and line and \
            column where the parser gives them), and the exit status is 1.
            """,
        arguments: [ArgumentSpec(name: "FILE", help: "a .bpmn or .dmn file, or a folder of them", isVariadic: true)],
        options: [Options.modelName, Options.json])

    static let modelList = CommandSpec(
        path: ["model", "list"],
        summary: "list the models with their versions and instance counts",
        discussion: """
            Lists every model, sorted by name, with its newest version and the running and \
            total instances of all versions. PER VERSION shows 'vN running/total' for each \
            stored version; --json adds a "versions" array.
            """,
        options: [Options.json])

    static let start = CommandSpec(
        path: ["start"],
        summary: "start an instance of a model",
        discussion: """
            Starts an instance of the newest version of MODEL with the given data and runs it \
            until every path waits (for example at a user task) or ends. The calling user is \
            recorded on the items and in the start event's camunda:initiator variable.
            """,
        arguments: [ArgumentSpec(name: "MODEL", help: "model name, as 'model list' shows it")],
        options: [Options.data, Options.startNode, Options.json])

    static let invoke = CommandSpec(
        path: ["invoke"],
        summary: "complete the one waiting item that a query matches",
        discussion: """
            Completes the waiting item that QUERY matches, merges the data into its scope and \
            runs the instance on. Exactly one waiting item must match: narrow the query with \
            "items.id" or "id" (the instance id) when several do.

            Example:
              bpmn-inbox invoke '{"data.caseId": 1003, "items.elementId": "task_Buy"}' \\
                --data '{"approved": true}'
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object selecting the item")],
        options: [Options.data, AdminOptions.noWait, Options.json])

    static let assign = CommandSpec(
        path: ["assign"],
        summary: "change who works a waiting item and when it is due",
        discussion: """
            Changes the assignment fields of the one waiting item that QUERY matches and merges \
            the data into the instance data. The item keeps waiting. Dates are ISO 8601 \
            (2024-05-01, 2024-05-01T12:00:00Z) or durations from now (P3D, PT4H).

            Example:
              bpmn-inbox assign '{"data.caseId": 1003, "items.elementId": "task_Buy"}' \\
                --assignment '{"candidateGroups": ["sales"], "priority": 7}'
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object selecting the item")],
        options: [Options.assignment, Options.data, Options.json],
        requiredOptions: [Options.assignment])

    static let instances = CommandSpec(
        path: ["instances"],
        summary: "list instances",
        discussion: "Lists the instances that match the query, newest first.",
        options: [Options.query, Options.limit, AdminOptions.sort, AdminOptions.offset, AdminOptions.cursor, AdminOptions.fields, Options.json])

    static let tasks = CommandSpec(
        path: ["tasks"],
        summary: "list waiting user tasks",
        discussion: """
            Lists the user tasks of one list that match the query, newest first unless \
            --order says otherwise. The lists (--view) contain only tasks you may see: \
            assigned to you, offered to you or one of your groups, or naming no one (admins \
            see every task). Without --view the list is 'all'; --mine is the same list.

            Example:
              bpmn-inbox tasks --view groups --order priority --limit 20
            """,
        options: [
            Options.query, AccessOptions.view, AccessOptions.order, Options.limit, AdminOptions.offset, Options.mine,
            Options.json,
        ])

    static let items = CommandSpec(
        path: ["items"],
        summary: "list the items of the instances a query matches",
        discussion: """
            Lists every item (executed element and taken sequence flow) of each instance that \
            QUERY matches, in execution order. With --matching, lists only the items that \
            satisfy the query's items.* conditions.
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object, such as '{\"id\": \"…\"}'")],
        options: [
            Options.matching, Options.limit, AdminOptions.sort, AdminOptions.offset, AdminOptions.cursor, AdminOptions.fields,
            Options.json,
        ])

    static let message = CommandSpec(
        path: ["message"],
        summary: "send a message to the one receiver that waits for it",
        discussion: """
            Delivers the message NAME (a message name or id) with the data to the waiting \
            catch event, receive task or boundary event whose instance matches --key. When \
            nothing waits for it, a model whose start event catches it starts a new instance. \
            Exactly one receiver must match unless --all is given.
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "message name or id")],
        options: [Options.data, Options.key, Options.deliverToAll, Options.json])

    static let signal = CommandSpec(
        path: ["signal"],
        summary: "broadcast a signal to every receiver",
        discussion: """
            Delivers the signal NAME (a signal name or id) with the data to every waiting \
            receiver whose instance matches --key (all when absent), and starts an instance \
            of every model whose start event catches it. Each receiver runs in its own \
            transaction; the exit status is 1 when any of them failed.
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "signal name or id")],
        options: [Options.data, Options.key, Options.json])

    static let retry = CommandSpec(
        path: ["retry"],
        summary: "run failed items again",
        discussion: """
            Runs each failed item that QUERY matches again, after merging the data into its \
            scope. An item fails when its timer still fails after the automatic retries; \
            this command lists them: bpmn-inbox items '{"items.status": "failed"}' --matching
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object selecting the items")],
        options: [Options.data, Options.json])

    static let startEvent = CommandSpec(
        path: ["start-event"],
        summary: "trigger an element of a running instance",
        discussion: """
            Triggers ELEMENT_ID in the running instance INSTANCE_ID. When an item of that \
            element waits (a catch event, receive task or user task), it completes with the \
            data. Otherwise a new path starts at the element, such as a second start event. \
            The instance then runs until every path waits or ends.
            """,
        arguments: [
            ArgumentSpec(name: "INSTANCE_ID", help: "instance id, or a unique prefix of at least 6 characters"),
            ArgumentSpec(name: "ELEMENT_ID", help: "element id from the model, such as 'start_reminder'"),
        ],
        options: [Options.data, Options.json])

    static let timers = CommandSpec(
        path: ["timers"],
        summary: "list what waits for a timer, message or signal",
        discussion: """
            Lists every waiting item that waits for an event: timer catch events and boundary \
            timers with their due time, and message and signal receivers with the name they \
            wait for. Timers come first, soonest first. It changes nothing; 'bpmn-inbox worker' \
            fires the timers.
            """,
        options: [Options.json])

    static let worker = CommandSpec(
        path: ["worker"],
        summary: "fire timers until stopped (or once with --once)",
        discussion: """
            Fires every due timer (timer catch events, boundary timers and timer start events \
            of models), each in its own transaction, and runs those instances on. Then it \
            sleeps until the next timer is due, at most 1 second, so timers that other \
            processes write are seen, and repeats until SIGTERM or SIGINT. It prints one line \
            per firing on standard output and one per failed firing on standard error. A \
            failed firing is retried after 10 s, 60 s and 300 s and then becomes an incident \
            for 'bpmn-inbox retry'. The worker keeps running after errors, and prints each.

            Several workers may share one database: each timer fires once.

            Exit status: 0 after SIGTERM or SIGINT or, with --once, after the due timers were \
            fired (even when some of them failed); 1 when the database cannot be read or written.
            """,
        options: [Options.once])

    static let demo = CommandSpec(
        path: ["demo"],
        summary: "seed a demo database and open the inbox",
        discussion: """
            Marks the database as a demo database, imports every .bpmn file of the models \
            folder whose model is not in the database yet, and, when no instance is running, \
            starts instances with the sample data of '<model name>.data.json' files in the \
            same folder (a JSON array of data objects; one empty start when the file is \
            missing). Then opens the inbox. A database that is not a demo database yet and \
            already contains instances is rejected unless --force is given, because a demo \
            database lets --user act as any user.

            With --tour MODEL, plays a narrated run of one example model on its diagram \
            instead: a temporary database with the example models, a virtual clock starting \
            2030-01-07 09:00 UTC, and fixed demo users and data, so every tour runs the same. \
            Space steps, p plays and pauses, t moves the clock to the next timer, q quits. \
            The database given with --db is not touched. Without a terminal, it prints each \
            step's caption and the final diagram.
            """,
        options: [
            Options.models, Options.noInbox, DiagramCommandOptions.tour, DiagramCommandOptions.interval, DemoOptions.force,
        ])

    static let diagram = CommandSpec(
        path: ["diagram"],
        summary: "print the diagram of a model, optionally with an instance's state",
        discussion: """
            Draws MODEL (a model name, or the path of a .bpmn file) with box-drawing \
            characters, laid out from the file's BPMNDI positions scaled to the character \
            grid, or automatically when the file has none. With --instance, waiting elements \
            are highlighted (●2 counts multi-instance items), completed ones marked ✓, failed \
            ones ✗, and taken sequence flows drawn heavy. Colours follow --color; without a \
            terminal the output is plain text. The inbox shows the same drawing with 'd'.
            """,
        arguments: [ArgumentSpec(name: "MODEL", help: "model name as 'model list' shows it, or a .bpmn file")],
        options: [
            DiagramCommandOptions.instance, DiagramCommandOptions.width, DiagramCommandOptions.color,
            DiagramCommandOptions.zoom, DiagramCommandOptions.autoLayout,
        ])

    static let replay = CommandSpec(
        path: ["replay"],
        summary: "replay an instance's recorded run on its diagram",
        discussion: """
            Plays the items of instance ID one by one on the model's diagram, with each \
            element's status as it was at that moment and a caption naming who completed \
            it and which flow a gateway took. Space steps, p plays and pauses, q quits. \
            Without a terminal, it prints each step's caption and the final diagram.
            """,
        arguments: [ArgumentSpec(name: "ID", help: "instance id, or a unique prefix of at least 6 characters")],
        options: [DiagramCommandOptions.interval])

    static let model = CommandGroup(
        name: "model", summary: "import, list, show, compare and manage BPMN models",
        subcommands: [modelImport, modelList] + modelAdministration + [modelTenant])

    /// Commands that are a single word, in help order.
    static let topLevel = [
        start, invoke, assign, message, signal, startEvent, instances, tasks, items, timers, worker, retry, demo,
        diagram, replay,
    ] + accessCommands + administration + hidden

    static let all = [modelImport, modelList] + modelAdministration + [modelTenant] + accessGroupCommands
        + topLevel.filter { !hidden.contains($0) }

    /// The words that group subcommands (`model import`, `user add`).
    static let groups = [model, user, config]

    /// Every first word the parser accepts, for "did you mean" hints.
    static var firstWords: [String] { groups.map(\.name) + ["help"] + topLevel.map { $0.path[0] } }
}
