/// The indexes and table layout that let an engine call read and write only the live part of
/// an instance (`SQLiteStore.loadRunState`, `saveInstance(_:changedItemIds:changedTokenIds:)`).
enum RunStateSchema {
    static let statements = [
        // The items of an instance by status, in `seq` order: the live items a call loads,
        // the waiting item it looks for, and the ended flow item a join item arrived by, each
        // without reading the instance's history. It replaces the index on (instance_id, seq),
        // so an item still has one index entry per instance.
        "DROP INDEX items_by_instance_seq",
        "CREATE INDEX items_by_instance_status ON items (instance_id, status, seq)",
        // `tokens` without a rowid: the rows live in the primary key's b-tree, so writing a
        // token changes one b-tree instead of the table and its key index. The rename runs
        // with `legacy_alter_table`, because the save point trigger names `tokens` and the
        // current rename rule rejects a trigger whose table is missing at that moment.
        "PRAGMA legacy_alter_table = ON",
        """
        CREATE TABLE tokens_without_rowid (
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
        ) WITHOUT ROWID
        """,
        """
        INSERT INTO tokens_without_rowid (instance_id, id, kind, status, data_path, parent_token_id,
            origin_item_id, start_node_id, current_node_id, current_item_id, item_key)
        SELECT instance_id, id, kind, status, data_path, parent_token_id,
            origin_item_id, start_node_id, current_node_id, current_item_id, item_key
        FROM tokens
        """,
        "DROP TABLE tokens",
        "ALTER TABLE tokens_without_rowid RENAME TO tokens",
        "PRAGMA legacy_alter_table = OFF",
        // The running and waiting tokens of an instance. Ended tokens stay in the table, and a
        // gateway ends its token and starts a new one, so they outnumber the live ones.
        "CREATE INDEX tokens_live_by_instance ON tokens (instance_id, id) WHERE status IN ('running', 'wait')",
    ]
}
