//! Printing results: aligned tables for people, JSON for scripts.

use std::io::{self, Write};

use serde::Serialize;

/// Prints rows as an aligned table with a header line; long cells are cut to `max_width`.
pub fn table(
    out: &mut impl Write,
    headers: &[&str],
    rows: &[Vec<String>],
    max_width: usize,
) -> io::Result<()> {
    let cut = |s: &str| -> String {
        let one_line = s.replace(['\n', '\t'], " ");
        if one_line.chars().count() > max_width {
            let mut t: String = one_line.chars().take(max_width.saturating_sub(1)).collect();
            t.push('…');
            t
        } else {
            one_line
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |out: &mut dyn Write, row: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (i, c) in row.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let pad = widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(c.chars().count());
            s.push_str(c);
            if i + 1 < row.len() {
                s.push_str(&" ".repeat(pad));
            }
        }
        writeln!(out, "{s}")
    };
    line(
        out,
        &headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>(),
    )?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}

/// Prints `rows` to standard output: as a JSON array with `as_json`, else as a table with
/// `headers` and one line per row made by `line`.
pub fn listing<T: Serialize>(
    as_json: bool,
    rows: &[T],
    headers: &[&str],
    max_width: usize,
    line: impl Fn(&T) -> Vec<String>,
) -> io::Result<()> {
    let mut out = std::io::stdout().lock();
    if as_json {
        return json(&mut out, &rows);
    }
    let cells: Vec<Vec<String>> = rows.iter().map(line).collect();
    table(&mut out, headers, &cells, max_width)
}

/// Prints a value as pretty JSON followed by a newline.
pub fn json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Prints a value as one line of JSON.
pub fn json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// An optional value as a table cell.
pub fn cell<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
