//! Finding and reading inputs: files, directories (recursively, in a stable order), `.gz` files
//! and `-` for standard input. Reading never fails the run: an unreadable input becomes an
//! [`Input`] with an error that the pipeline records.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use sha2::{Digest, Sha256};

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// One record of a WARC file.
    Warc {
        /// The WARC file.
        file: PathBuf,
        /// The record's `WARC-Record-ID`.
        record: String,
    },
}

impl Source {
    /// The name recorded in `documents.path`.
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".to_owned(),
            Source::Warc { file, record } => format!("{}#{record}", file.display()),
        }
    }
}

/// The bytes of one input, or why they could not be read, with the content hash either way.
pub struct Input {
    /// Where it came from.
    pub source: Source,
    /// The page bytes (decompressed), or a one-line reason.
    pub bytes: Result<Vec<u8>, String>,
    /// Hex SHA-256 of the page bytes (of the raw bytes, or of the path, when unreadable).
    pub hash: String,
    /// Size of the raw input.
    pub raw_len: u64,
}

/// Expands the command-line paths into a sorted list of input sources.
pub fn collect(paths: &[PathBuf]) -> (Vec<Source>, Vec<(String, String)>) {
    let mut sources = Vec::new();
    let mut missing = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(true)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter(|e| !is_hidden(e.path()))
                .map(walkdir::DirEntry::into_path)
                .collect();
            found.sort();
            sources.extend(found.into_iter().map(Source::File));
        } else if path.exists() {
            sources.push(Source::File(path.clone()));
        } else {
            missing.push((
                path.display().to_string(),
                "no such file or directory".to_owned(),
            ));
        }
    }
    (sources, missing)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Reads one input, decompressing `.gz`, with `max_bytes` as the most it will hold in memory.
pub fn read(source: &Source, max_bytes: usize) -> Input {
    let (raw, raw_len) = match source {
        Source::Warc { .. } => (
            Err(io::Error::other("WARC records are read by the warc module")),
            0,
        ),
        Source::Stdin => {
            let mut buf = Vec::new();
            let res = io::stdin()
                .lock()
                .take(max_bytes as u64 + 1)
                .read_to_end(&mut buf);
            let len = buf.len() as u64;
            (res.map(|_| buf), len)
        }
        Source::File(path) => {
            let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if len > max_bytes as u64 && !is_gz(path) {
                return Input {
                    source: source.clone(),
                    bytes: Err(format!(
                        "page is {len} bytes, over the limit of {max_bytes} bytes"
                    )),
                    hash: hash_file(path)
                        .unwrap_or_else(|_| hash_bytes(source.display().as_bytes())),
                    raw_len: len,
                };
            }
            (std::fs::read(path), len)
        }
    };
    let raw = match raw {
        Ok(raw) => raw,
        Err(e) => {
            return Input {
                source: source.clone(),
                bytes: Err(format!("cannot read: {e}")),
                hash: hash_bytes(source.display().as_bytes()),
                raw_len,
            }
        }
    };
    if raw.len() > max_bytes {
        return Input {
            hash: hash_bytes(&raw),
            source: source.clone(),
            bytes: Err(format!("input is over the limit of {max_bytes} bytes")),
            raw_len,
        };
    }
    if !raw.starts_with(&[0x1f, 0x8b]) {
        let hash = hash_bytes(&raw);
        return Input {
            source: source.clone(),
            bytes: Ok(raw),
            hash,
            raw_len,
        };
    }
    let bytes = gunzip(&raw, max_bytes);
    let hash = match &bytes {
        Ok(b) => hash_bytes(b),
        Err(_) => hash_bytes(&raw),
    };
    Input {
        source: source.clone(),
        bytes,
        hash,
        raw_len,
    }
}

fn is_gz(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Decompresses gzip, refusing output over `max_bytes` (which also stops decompression bombs).
fn gunzip(raw: &[u8], max_bytes: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut decoder = MultiGzDecoder::new(raw).take(max_bytes as u64 + 1);
    match decoder.read_to_end(&mut out) {
        Ok(_) if out.len() > max_bytes => Err(format!(
            "gzip expands to over {max_bytes} bytes (limit; possible decompression bomb)"
        )),
        Ok(_) => Ok(out),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            Err("truncated gzip: the compressed stream ends early".to_owned())
        }
        Err(e) => Err(format!("corrupt gzip: {e}")),
    }
}

/// Hex SHA-256 of bytes.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hash_file(path: &Path) -> io::Result<String> {
    let mut hasher = Sha256::new();
    io::copy(&mut File::open(path)?, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
