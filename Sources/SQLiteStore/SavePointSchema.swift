/// The save points that `restart` reopens an instance at: copies of an instance's items and
/// tokens as they were committed at the end of an engine call.
///
/// A trigger on `history` takes the copy, because every engine call appends its history
/// after it saved the instance, in the same transaction. The copy is taken once per instance
/// `revision` (the first history row of a call) and only while the setting `snapshots` is
/// `on`. Each save point copies every item of the instance, so a long-running instance
/// stores the square of its item count. The setting is off unless a user turns it on.
enum SavePointSchema {
    static let statements = [
        """
        CREATE TABLE save_points (
            instance_id TEXT NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (instance_id, revision)
        )
        """,
        """
        CREATE TABLE save_point_items (
            revision INTEGER NOT NULL,
            \(itemColumnDefinitions),
            PRIMARY KEY (instance_id, revision, id),
            FOREIGN KEY (instance_id, revision) REFERENCES save_points (instance_id, revision)
                ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
        )
        """,
        "CREATE INDEX save_point_items_by_item ON save_point_items (instance_id, id, revision)",
        """
        CREATE TABLE save_point_tokens (
            revision INTEGER NOT NULL,
            \(tokenColumnDefinitions),
            PRIMARY KEY (instance_id, revision, id),
            FOREIGN KEY (instance_id, revision) REFERENCES save_points (instance_id, revision)
                ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
        )
        """,
        """
        CREATE TRIGGER save_point_after_history AFTER INSERT ON history
        WHEN (SELECT value FROM settings WHERE key = 'snapshots') = 'on'
            AND NOT EXISTS (
                SELECT 1 FROM save_points JOIN instances ON instances.id = save_points.instance_id
                WHERE save_points.instance_id = NEW.instance_id AND save_points.revision = instances.revision)
        BEGIN
            INSERT INTO save_points (instance_id, revision, at)
                SELECT id, revision, NEW.at FROM instances WHERE id = NEW.instance_id;
            INSERT INTO save_point_items (revision, \(itemColumns))
                SELECT instances.revision, \(qualifiedItemColumns)
                FROM items JOIN instances ON instances.id = items.instance_id
                WHERE items.instance_id = NEW.instance_id;
            INSERT INTO save_point_tokens (revision, \(tokenColumns))
                SELECT instances.revision, \(qualifiedTokenColumns)
                FROM tokens JOIN instances ON instances.id = tokens.instance_id
                WHERE tokens.instance_id = NEW.instance_id;
        END
        """,
    ]

    /// The setting that turns save points on (`on`) or off (anything else, or unset).
    static let settingKey = "snapshots"

    static let itemColumns = """
        id, instance_id, seq, element_id, name, type, status, token_id, item_key, user_name, \
        started_at, ended_at, assignee, candidate_users, candidate_groups, due_date, \
        follow_up_date, priority, message_id, signal_id, time_due, vars, output, status_details
        """

    static let tokenColumns = """
        instance_id, id, kind, status, data_path, parent_token_id, origin_item_id, \
        start_node_id, current_node_id, current_item_id, item_key
        """

    private static var qualifiedItemColumns: String { qualified(itemColumns, table: "items") }
    private static var qualifiedTokenColumns: String { qualified(tokenColumns, table: "tokens") }

    private static func qualified(_ columns: String, table: String) -> String {
        columns.split(separator: ",")
            .map { "\(table)." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
    }

    private static let itemColumnDefinitions = """
        id TEXT NOT NULL, instance_id TEXT NOT NULL, seq INTEGER NOT NULL, element_id TEXT NOT NULL,
            name TEXT, type TEXT NOT NULL, status TEXT NOT NULL, token_id INTEGER NOT NULL,
            item_key TEXT, user_name TEXT, started_at TEXT, ended_at TEXT, assignee TEXT,
            candidate_users TEXT NOT NULL, candidate_groups TEXT NOT NULL, due_date TEXT,
            follow_up_date TEXT, priority TEXT NOT NULL, message_id TEXT, signal_id TEXT,
            time_due TEXT, vars TEXT NOT NULL, output TEXT NOT NULL, status_details TEXT NOT NULL
        """

    private static let tokenColumnDefinitions = """
        instance_id TEXT NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
            data_path TEXT NOT NULL, parent_token_id INTEGER, origin_item_id TEXT,
            start_node_id TEXT NOT NULL, current_node_id TEXT NOT NULL, current_item_id TEXT,
            item_key TEXT
        """
}
