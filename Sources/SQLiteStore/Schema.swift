/// The database schema as an ordered list of migrations. Migration `n` (1-based) brings a
/// file from `PRAGMA user_version` n-1 to n inside one transaction. Append new migrations,
/// and never edit one that has shipped.
///
/// Dates are UTC ISO 8601 text with milliseconds (`StoredDate`). JSON columns hold compact
/// JSON text with sorted keys (`JSONValue.jsonText`) and are never NULL.
enum Schema {
    static let migrations: [[String]] = [
        version1, SavePointSchema.statements, AccessSchema.statements, RunStateSchema.statements,
        TaskListSchema.statements,
    ]

    static var latestVersion: Int { migrations.count }

    private static let version1 = [
        """
        CREATE TABLE models (
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            source TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            processes TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (name, version)
        )
        """,
        """
        CREATE TABLE model_events (
            model_name TEXT NOT NULL,
            model_version INTEGER NOT NULL,
            position INTEGER NOT NULL,
            element_id TEXT NOT NULL,
            name TEXT,
            process_id TEXT NOT NULL,
            sub_type TEXT NOT NULL,
            message_name TEXT,
            signal_name TEXT,
            PRIMARY KEY (model_name, model_version, position),
            FOREIGN KEY (model_name, model_version) REFERENCES models (name, version) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX model_events_by_message ON model_events (message_name) WHERE message_name IS NOT NULL",
        "CREATE INDEX model_events_by_signal ON model_events (signal_name) WHERE signal_name IS NOT NULL",
        "CREATE INDEX model_events_by_sub_type ON model_events (sub_type)",
        """
        CREATE TABLE instances (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            model_version INTEGER NOT NULL,
            status TEXT NOT NULL,
            data TEXT NOT NULL DEFAULT '{}',
            started_at TEXT NOT NULL,
            ended_at TEXT,
            parent_item_id TEXT,
            tenant_id TEXT,
            next_seq INTEGER NOT NULL DEFAULT 0,
            revision INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX instances_by_name_status ON instances (name, status)",
        "CREATE INDEX instances_by_started_at ON instances (started_at)",
        "CREATE INDEX instances_by_parent_item ON instances (parent_item_id) WHERE parent_item_id IS NOT NULL",
        """
        CREATE TABLE items (
            id TEXT PRIMARY KEY NOT NULL,
            instance_id TEXT NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            element_id TEXT NOT NULL,
            name TEXT,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            token_id INTEGER NOT NULL,
            item_key TEXT,
            user_name TEXT,
            started_at TEXT,
            ended_at TEXT,
            assignee TEXT,
            candidate_users TEXT NOT NULL DEFAULT '[]',
            candidate_groups TEXT NOT NULL DEFAULT '[]',
            due_date TEXT,
            follow_up_date TEXT,
            priority TEXT NOT NULL DEFAULT 'null',
            message_id TEXT,
            signal_id TEXT,
            time_due TEXT,
            vars TEXT NOT NULL DEFAULT '{}',
            output TEXT NOT NULL DEFAULT 'null',
            status_details TEXT NOT NULL DEFAULT 'null'
        )
        """,
        "CREATE INDEX items_by_instance_seq ON items (instance_id, seq)",
        "CREATE INDEX items_by_status_type ON items (status, type)",
        "CREATE INDEX items_by_assignee ON items (assignee) WHERE assignee IS NOT NULL",
        "CREATE INDEX items_by_element ON items (element_id)",
        """
        CREATE TABLE item_candidates (
            item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('user', 'group')),
            name TEXT NOT NULL,
            PRIMARY KEY (item_id, kind, name)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX item_candidates_by_name ON item_candidates (kind, name, item_id)",
        """
        CREATE TABLE tokens (
            instance_id TEXT NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            data_path TEXT NOT NULL,
            parent_token_id INTEGER,
            origin_item_id TEXT,
            start_node_id TEXT NOT NULL,
            current_node_id TEXT NOT NULL,
            current_item_id TEXT,
            item_key TEXT,
            PRIMARY KEY (instance_id, id)
        )
        """,
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            instance_id TEXT NOT NULL
                REFERENCES instances (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            at TEXT NOT NULL,
            user TEXT,
            action TEXT NOT NULL,
            item_id TEXT,
            element_id TEXT,
            data TEXT NOT NULL DEFAULT 'null',
            message TEXT
        )
        """,
        "CREATE INDEX history_by_instance ON history (instance_id, id)",
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        )
        """,
    ]
}
