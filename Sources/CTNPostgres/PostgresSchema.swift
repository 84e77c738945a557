/// The node's schema in PostgreSQL's dialect: the same tables, columns, indexes and append-only
/// rules as the SQLite schema at its migration v22 (INTEGER → BIGINT, REAL → DOUBLE PRECISION,
/// BLOB → BYTEA, SQLite's implicit row IDs → identity columns (named `rowid` where
/// the shared SQL orders by insertion), RAISE(ABORT) triggers → one
/// refusing trigger function). Migrations are applied in order, each in its own transaction,
/// under a transaction-level advisory lock, so processes starting at once do not race.
enum PostgresSchema {
    /// The lock every migration transaction takes first (the bytes of "ctn-mig").
    static let lockKey: Int64 = 0x63_74_6E_2D_6D_69_67

    static let migrations: [(id: String, statements: [String])] = [
        ("v1-node-schema", split(nodeSchema)),
        // Whose data this is: the node that first wrote here; another node's processes refuse it.
        (
            "v2-node-identity",
            ["CREATE TABLE ctn_node(id BIGINT PRIMARY KEY CHECK (id = 1), node_id TEXT NOT NULL, public_key TEXT NOT NULL)"]
        ),
    ]

    /// The statements of a script, one per `;` at the end of a line.
    static func split(_ script: String) -> [String] {
        script.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
