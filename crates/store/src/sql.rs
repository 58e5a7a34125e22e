//! Arbitrary read-only SQL for the `sql` command: the statement must be a single read-only one
//! and runs on a read-only connection, so nothing typed there can change the database.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{sqlite_message, Result, StoreError};
use crate::Store;

/// The result of a read-only query: column names and rows of JSON values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryResult {
    /// Column names in select order.
    pub columns: Vec<String>,
    /// Rows; integers and reals are numbers, text is a string, blobs are `X'…'` hex strings.
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl Store {
    /// Runs one read-only SQL statement (a `SELECT`, `WITH … SELECT`, read-only `PRAGMA`, …).
    pub fn query(&self, sql: &str) -> Result<QueryResult> {
        if self.read_only {
            run_read_only(&self.conn, sql)
        } else {
            // A read-write store answers through its own read-only connection to the same file.
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(&self.path, flags)?;
            conn.pragma_update(None, "query_only", true)?;
            run_read_only(&conn, sql)
        }
    }
}

/// Prepares, checks and runs `sql` on a read-only connection.
fn run_read_only(conn: &Connection, sql: &str) -> Result<QueryResult> {
    let bad = |reason: String| StoreError::BadQuery { reason };
    let sql = sql.trim();
    if sql.trim_end_matches(';').trim().is_empty() {
        return Err(bad("the query is empty".to_owned()));
    }
    let mut stmt = conn.prepare(sql).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(..) => bad(sqlite_message(&e)),
        other => StoreError::Sqlite(other),
    })?;
    if stmt.parameter_count() > 0 {
        return Err(bad(
            "parameters (`?`, `:name`) cannot be bound here".to_owned()
        ));
    }
    // SQLite compiles only the first statement; refuse rather than silently drop the rest. With
    // no parameters, the expanded text is exactly the first statement's text.
    let first = stmt.expanded_sql().map_or(sql.len(), |s| s.len());
    let rest = sql.get(first..).unwrap_or("");
    if !rest
        .trim_matches(|c: char| c == ';' || c.is_whitespace())
        .is_empty()
    {
        return Err(bad("only one statement is allowed".to_owned()));
    }
    if !stmt.readonly() {
        return Err(bad(
            "only read-only statements (SELECT) are allowed".to_owned()
        ));
    }
    let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let width = columns.len();
    let mut rows = Vec::new();
    let mut cursor = stmt.query([]).map_err(|e| bad(sqlite_message(&e)))?;
    while let Some(row) = cursor.next().map_err(|e| bad(sqlite_message(&e)))? {
        let mut values = Vec::with_capacity(width);
        for i in 0..width {
            values.push(json_value(row.get_ref(i)?));
        }
        rows.push(values);
    }
    Ok(QueryResult { columns, rows })
}

/// Converts one SQLite value to JSON.
fn json_value(value: ValueRef<'_>) -> serde_json::Value {
    use serde_json::Value;
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02X}")).collect();
            Value::String(format!("X'{hex}'"))
        }
    }
}
