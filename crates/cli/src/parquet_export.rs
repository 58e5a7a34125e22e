//! `newsdb export --format parquet`: one row per article, written with the `parquet` crate's
//! column writers (no Arrow, which would triple the build). Entities, dates and authors are JSON
//! text columns, so engines such as DuckDB can unnest them with their JSON functions.

use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use store::{ExportRow, Store};

const SCHEMA: &str = "message article {
  REQUIRED INT64 id;
  REQUIRED BYTE_ARRAY path (UTF8);
  OPTIONAL BYTE_ARRAY day (UTF8);
  OPTIONAL BYTE_ARRAY site (UTF8);
  OPTIONAL BYTE_ARRAY title (UTF8);
  OPTIONAL BYTE_ARRAY lead (UTF8);
  REQUIRED BYTE_ARRAY authors (UTF8);
  OPTIONAL BYTE_ARRAY agency (UTF8);
  OPTIONAL BYTE_ARRAY published_utc (UTF8);
  OPTIONAL BYTE_ARRAY published_local (UTF8);
  OPTIONAL BYTE_ARRAY updated_utc (UTF8);
  OPTIONAL BYTE_ARRAY dateline_place (UTF8);
  OPTIONAL BYTE_ARRAY language (UTF8);
  REQUIRED BOOLEAN syndicated;
  OPTIONAL INT64 cluster_id;
  OPTIONAL BYTE_ARRAY url (UTF8);
  OPTIONAL BYTE_ARRAY canonical_url (UTF8);
  REQUIRED BYTE_ARRAY body (UTF8);
  REQUIRED BYTE_ARRAY entities (UTF8);
  REQUIRED BYTE_ARRAY timexes (UTF8);
}";

/// Rows per row group: bounds memory on large databases.
const ROW_GROUP: usize = 5_000;

/// Writes every article of `store` as Parquet to `out`.
pub fn write(store: &Store, out: impl Write + Send) -> Result<()> {
    let schema = Arc::new(parse_message_type(SCHEMA).context("parquet schema")?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut writer =
        SerializedFileWriter::new(out, schema, props).context("cannot start parquet file")?;
    let mut rows: Vec<ExportRow> = Vec::with_capacity(ROW_GROUP);
    store.export_articles(|row| -> Result<()> {
        rows.push(row);
        if rows.len() >= ROW_GROUP {
            row_group(&mut writer, &rows)?;
            rows.clear();
        }
        Ok(())
    })?;
    if !rows.is_empty() {
        row_group(&mut writer, &rows)?;
    }
    writer.close().context("cannot finish parquet file")?;
    Ok(())
}

/// A text column's values for one row group.
enum Column {
    Int(Vec<i64>),
    OptionalInt(Vec<Option<i64>>),
    Bool(Vec<bool>),
    Text(Vec<String>),
    OptionalText(Vec<Option<String>>),
}

fn columns(rows: &[ExportRow]) -> Result<Vec<Column>> {
    let text = |f: &dyn Fn(&ExportRow) -> Option<String>| {
        Column::OptionalText(rows.iter().map(f).collect())
    };
    let json = |f: &dyn Fn(&ExportRow) -> Result<String>| -> Result<Column> {
        Ok(Column::Text(rows.iter().map(f).collect::<Result<_>>()?))
    };
    Ok(vec![
        Column::Int(rows.iter().map(|r| r.id).collect()),
        Column::Text(rows.iter().map(|r| r.path.clone()).collect()),
        text(&|r| r.day.clone()),
        text(&|r| r.site.clone()),
        text(&|r| r.title.clone()),
        text(&|r| r.lead.clone()),
        json(&|r| Ok(serde_json::to_string(&r.authors)?))?,
        text(&|r| r.agency.clone()),
        text(&|r| r.published_utc.clone()),
        text(&|r| r.published_local.clone()),
        text(&|r| r.updated_utc.clone()),
        text(&|r| r.dateline_place.clone()),
        text(&|r| r.language.clone()),
        Column::Bool(rows.iter().map(|r| r.syndicated).collect()),
        Column::OptionalInt(rows.iter().map(|r| r.cluster_id).collect()),
        text(&|r| r.url.clone()),
        text(&|r| r.canonical_url.clone()),
        Column::Text(rows.iter().map(|r| r.body.clone()).collect()),
        json(&|r| Ok(serde_json::to_string(&r.entities)?))?,
        json(&|r| Ok(serde_json::to_string(&r.timexes)?))?,
    ])
}

fn row_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    rows: &[ExportRow],
) -> Result<()> {
    let mut group = writer
        .next_row_group()
        .context("cannot start a row group")?;
    for column in columns(rows)? {
        let Some(mut col) = group.next_column().context("parquet column")? else {
            anyhow::bail!("parquet schema has fewer columns than the export writes");
        };
        match column {
            Column::Int(v) => {
                col.typed::<Int64Type>().write_batch(&v, None, None)?;
            }
            Column::OptionalInt(v) => {
                let defs: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                let values: Vec<i64> = v.into_iter().flatten().collect();
                col.typed::<Int64Type>()
                    .write_batch(&values, Some(&defs), None)?;
            }
            Column::Bool(v) => {
                col.typed::<BoolType>().write_batch(&v, None, None)?;
            }
            Column::Text(v) => {
                let values: Vec<ByteArray> = v
                    .into_iter()
                    .map(|s| ByteArray::from(s.into_bytes()))
                    .collect();
                col.typed::<ByteArrayType>()
                    .write_batch(&values, None, None)?;
            }
            Column::OptionalText(v) => {
                let defs: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                let values: Vec<ByteArray> = v
                    .into_iter()
                    .flatten()
                    .map(|s| ByteArray::from(s.into_bytes()))
                    .collect();
                col.typed::<ByteArrayType>()
                    .write_batch(&values, Some(&defs), None)?;
            }
        }
        col.close().context("cannot close a parquet column")?;
    }
    group.close().context("cannot close a row group")?;
    Ok(())
}
