/// The JSON views of records that contracts answer and ledger events keep. Pure functions of
/// records: no store, no clock (times and node IDs are passed in).
public enum Views {}
