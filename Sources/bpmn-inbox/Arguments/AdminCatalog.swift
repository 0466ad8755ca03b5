/// The model administration, instance administration, change feed, backup and
/// documentation commands.
extension CommandCatalog {
    static let modelShow = CommandSpec(
        path: ["model", "show"],
        summary: "show a model's processes, events, timers and user tasks",
        discussion: """
            Lists the processes of one version of NAME, its start events, the messages and \
            signals it uses, its timers with their ISO 8601 values, and its user tasks with \
            their assignment and form fields.

            Example:
              bpmn-inbox model show 'Buy Used Car' --model-version 2
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "model name, as 'model list' shows it")],
        options: [AdminOptions.version, Options.json])

    static let modelVersions = CommandSpec(
        path: ["model", "versions"],
        summary: "list the versions of a model with their instance counts",
        discussion: """
            Lists every stored version of NAME, oldest first, with the running and total \
            number of instances started from each version.

            Example:
              bpmn-inbox model versions 'Buy Used Car' --json
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "model name")],
        options: [Options.json])

    static let modelDiff = CommandSpec(
        path: ["model", "diff"],
        summary: "list the elements added, removed and changed between two versions",
        discussion: """
            Compares version FROM of NAME with version TO, element by element (flow nodes, \
            also inside sub-processes, and sequence flows). A changed element lists the \
            properties that differ, such as name, outgoing or form.

            Example:
              bpmn-inbox model diff 'Buy Used Car' 1 2
            """,
        arguments: [
            ArgumentSpec(name: "NAME", help: "model name"),
            ArgumentSpec(name: "FROM", help: "the older version number"),
            ArgumentSpec(name: "TO", help: "the newer version number"),
        ],
        options: [Options.json])

    static let modelExport = CommandSpec(
        path: ["model", "export"],
        summary: "print the BPMN or DMN source of a model version",
        discussion: """
            Prints the source of one version of NAME exactly as it was imported, so it can be \
            saved to a file and opened in a modeler.

            Example:
              bpmn-inbox model export 'Buy Used Car' --model-version 1 > car-v1.bpmn
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "model name")],
        options: [AdminOptions.version])

    static let modelDelete = CommandSpec(
        path: ["model", "delete"],
        summary: "delete every version of a model (admins)",
        discussion: """
            Removes every version of NAME. A model with running instances is refused: \
            terminate or delete them first. Ended instances are kept. Only admins may do it \
            (exit status 4 otherwise).

            Example:
              bpmn-inbox model delete 'Old Order'
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "model name")],
        options: [Options.json])

    static let modelRename = CommandSpec(
        path: ["model", "rename"],
        summary: "rename a model and its instances (admins)",
        discussion: """
            Renames every version of NAME to NEW_NAME, and the instances started from it, \
            which keep running. NEW_NAME must not be taken. Only admins may do it.

            Example:
              bpmn-inbox model rename 'Order' 'Order Handling'
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "current model name"), ArgumentSpec(name: "NEW_NAME", help: "new model name")],
        options: [Options.json])

    static let modelEvents = CommandSpec(
        path: ["model", "events"],
        summary: "list the start events of the models",
        discussion: """
            Lists the start events of the newest version of every model that match --query, \
            whose keys are elementId, name, processId, subType (none, message, signal, \
            timer...), messageId, signalId and modelName, with or without the 'events.' prefix.

            Example:
              bpmn-inbox model events --query '{"events.subType": "message"}'
            """,
        options: [Options.query, Options.json])

    static let get = CommandSpec(
        path: ["get"],
        summary: "show one instance with its items and tokens",
        discussion: """
            Loads the first instance QUERY matches and prints it with every item and token, \
            without changing it. QUERY may also be an instance id or a unique prefix of at \
            least 6 characters. Exit status 3 when nothing matches.

            Example:
              bpmn-inbox get '{"data.caseId": 1003}' --json
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object, or an instance id (prefix)")],
        options: [Options.json])

    static let delete = CommandSpec(
        path: ["delete"],
        summary: "delete the instances a query matches (admins)",
        discussion: """
            Removes every instance QUERY matches, and the instances their call activities \
            started, with items, tokens, timers, subscriptions, history and save points. \
            Running instances are removed too. Only admins may do it (exit status 4 \
            otherwise). An empty QUERY ('{}') would delete every instance, so it is \
            rejected (exit status 2) unless --all is given. When nothing matches, nothing is \
            printed on standard output and the exit status is 3.

            Examples:
              bpmn-inbox delete '{"name": "Buy Used Car", "status": "end"}'
              bpmn-inbox delete --all
            """,
        arguments: [
            ArgumentSpec(
                name: "QUERY", help: "MongoDB-style JSON object selecting instances; left out with --all",
                isOptional: true, emptyValueError: DeleteQuery.emptyQueryMessage)
        ],
        options: [Options.json, AdminOptions.deleteAll])

    static let terminate = CommandSpec(
        path: ["terminate"],
        summary: "stop a running instance (admins)",
        discussion: """
            Cancels every waiting item, timer and message or signal subscription of the \
            instance and of the instances its call activities started, and sets its status \
            to terminated. The history is kept. Only admins may do it.

            Example:
              bpmn-inbox terminate 3f2a9c
            """,
        arguments: [ArgumentSpec(name: "INSTANCE_ID", help: "instance id or a unique prefix of at least 6 characters")],
        options: [Options.json])

    static let restart = CommandSpec(
        path: ["restart"],
        summary: "re-open an ended instance at an earlier item",
        discussion: """
            Re-opens the ended instance whose item QUERY (with --item) matches. When the item \
            waited at the save point taken after it was created, the instance returns to that \
            point: later items are removed and the item waits again, with the current data \
            merged with --data. Otherwise its element runs again on a new path. Needs save \
            points, which 'bpmn-inbox snapshots on' turns on.

            Example:
              bpmn-inbox restart '{"data.caseId": 1003}' --item task_Buy
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object, or an instance id (prefix)")],
        options: [AdminOptions.item, Options.data, Options.json])

    static let upgrade = CommandSpec(
        path: ["upgrade"],
        summary: "move running instances to the newest model version (admins)",
        discussion: """
            Moves every running instance of MODEL that runs an older version to the newest \
            version when each element it waits at still exists there and it has not reached \
            one of --after-nodes. The other instances are listed with the reason and left \
            unchanged.

            Example:
              bpmn-inbox upgrade 'Buy Used Car' --after-nodes task_Drive
            """,
        arguments: [ArgumentSpec(name: "MODEL", help: "model name")],
        options: [AdminOptions.afterNodes, Options.json])

    static let snapshots = CommandSpec(
        path: ["snapshots"],
        summary: "turn save points for restart on or off",
        discussion: """
            With STATE 'on', every engine call stores a save point (the instance's items and \
            tokens) that 'restart' can return to; 'off' stops that, and 'status' prints the \
            setting. Each save point copies all items of the instance, so long-running \
            instances use more space. The setting is stored in the database. Changing it is \
            for admins.

            Example:
              bpmn-inbox snapshots on
            """,
        arguments: [ArgumentSpec(name: "STATE", help: "on, off or status", choices: ["on", "off", "status"])],
        options: [Options.json])

    static let watch = CommandSpec(
        path: ["watch"],
        summary: "print every change as it is committed, until stopped",
        discussion: """
            Prints a line for each change any process commits to the database: instances \
            started, ended, failed, terminated or restarted, items waiting, completed, \
            cancelled or failed, and timers fired, like 'tail -f'. It checks for commits \
            every 100 ms. With --query, only changes of matching instances are printed. \
            Stops on SIGINT or SIGTERM with exit status 0.

            Example:
              bpmn-inbox watch --query '{"name": "Buy Used Car"}' --ndjson
            """,
        options: [Options.query, AdminOptions.ndjson, Options.json])

    static let export = CommandSpec(
        path: ["export"],
        summary: "print instances with items, tokens and history as JSON",
        discussion: """
            Prints the instances --query matches (all by default) with their items, tokens, \
            history and the model versions they run, as one JSON document for backup and for \
            'bpmn-inbox import' into another database.

            Example:
              bpmn-inbox export --query '{"status": "running"}' > instances.json
            """,
        options: [Options.query])

    static let importInstances = CommandSpec(
        path: ["import"],
        summary: "load instances written by 'export' (admins)",
        discussion: """
            Loads the instances of FILE in one transaction. Their model versions are matched \
            by source or imported as new versions. Instances whose id the database holds are \
            skipped. A damaged file changes nothing.

            Example:
              bpmn-inbox --db other.sqlite import instances.json
            """,
        arguments: [ArgumentSpec(name: "FILE", help: "a JSON file written by 'bpmn-inbox export', or - for standard input")],
        options: [Options.json])

    static let backup = CommandSpec(
        path: ["backup"],
        summary: "copy the live database to a file",
        discussion: """
            Writes a consistent copy of the database to FILE with SQLite's online backup, \
            while inboxes and workers keep working. FILE is replaced when it exists.

            Example:
              bpmn-inbox backup /var/backups/inbox-$(date +%F).sqlite
            """,
        arguments: [ArgumentSpec(name: "FILE", help: "the copy to write")],
        options: [Options.json])

    static let completion = CommandSpec(
        path: ["completion"],
        summary: "print a bash or zsh completion script",
        discussion: """
            Prints a completion script for SHELL generated from the command list. \
            'make install' installs both.

            Example:
              source <(bpmn-inbox completion bash)
            """,
        arguments: [ArgumentSpec(name: "SHELL", help: "bash or zsh", choices: ["bash", "zsh"])])

    static let man = CommandSpec(
        path: ["man"],
        summary: "print the manual page in roff",
        discussion: """
            Prints the bpmn-inbox(1) manual page, generated from the command list. \
            'make man' writes it to .build/man/bpmn-inbox.1.

            Example:
              bpmn-inbox man | man -l -
            """)

    /// The new model subcommands, after import and list.
    static let modelAdministration = [modelShow, modelVersions, modelDiff, modelExport, modelDelete, modelRename, modelEvents]

    /// The new single-word commands, in help order.
    static let administration = [get, restart, terminate, delete, upgrade, snapshots, watch, export, importInstances, backup, completion, man]

    /// Commands the parser accepts but the help list leaves out.
    static let hidden: [CommandSpec] = []
}
