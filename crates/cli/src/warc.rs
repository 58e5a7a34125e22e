//! WARC input (`.warc`, `.warc.gz`, as in Common Crawl's CC-NEWS): every HTML `response` record
//! becomes one page, with the record's target URI as the page URL and its date as a fallback
//! publication date. Documents point at `FILE#<WARC-Record-ID>`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use warc::{RecordType, WarcHeader, WarcReader};

use crate::input::{hash_bytes, Input, Source};

/// Whether a path names a WARC file.
pub fn is_warc(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// One HTML page found in a WARC file.
pub struct WarcPage {
    /// The page bytes and identity.
    pub input: Input,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date`, RFC 3339.
    pub date: Option<String>,
}

/// Calls `f` with every HTML response record of a WARC file; a broken file yields one failed input.
pub fn for_each_page(path: &Path, max_bytes: usize, mut f: impl FnMut(WarcPage)) {
    let display = path.display().to_string();
    let fail = |reason: String| WarcPage {
        input: Input {
            source: Source::File(path.to_path_buf()),
            bytes: Err(reason),
            hash: hash_bytes(format!("warc:{display}").as_bytes()),
            raw_len: 0,
        },
        url: None,
        date: None,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return f(fail(format!("cannot read: {e}"))),
    };
    let reader: Box<dyn BufRead> = if display.to_ascii_lowercase().ends_with(".gz") {
        Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::new(file))
    };
    for (n, record) in WarcReader::new(reader).iter_records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(e) => return f(fail(format!("WARC record {} is unreadable: {e}", n + 1))),
        };
        if *record.warc_type() != RecordType::Response {
            continue;
        }
        let id = record.warc_id().to_owned();
        let url = record.header(WarcHeader::TargetURI).map(|u| u.into_owned());
        let date = record.header(WarcHeader::Date).map(|d| d.into_owned());
        let Some((content_type, payload)) = http_payload(record.body()) else {
            continue;
        };
        if !content_type.contains("html") {
            continue;
        }
        let source = Source::Warc {
            file: path.to_path_buf(),
            record: id,
        };
        let bytes = if payload.len() > max_bytes {
            Err(format!(
                "page is {} bytes, over the limit of {max_bytes} bytes",
                payload.len()
            ))
        } else {
            Ok(payload.clone())
        };
        f(WarcPage {
            input: Input {
                source,
                hash: hash_bytes(&payload),
                raw_len: payload.len() as u64,
                bytes,
            },
            url,
            date,
        });
    }
}

/// Splits an HTTP response into its content type and body, undoing chunked transfer encoding
/// and gzip content encoding.
fn http_payload(response: &[u8]) -> Option<(String, Vec<u8>)> {
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| {
            response
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, i + 2))
        })?;
    let head = String::from_utf8_lossy(&response[..split.0]).to_ascii_lowercase();
    if !head.starts_with("http/") {
        return None;
    }
    let header = |name: &str| {
        head.lines().find_map(|l| {
            l.strip_prefix(name)
                .and_then(|r| r.strip_prefix(':'))
                .map(|v| v.trim().to_owned())
        })
    };
    let mut body = response[split.1..].to_vec();
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        body = dechunk(&body)?;
    }
    if header("content-encoding").is_some_and(|v| v.contains("gzip")) {
        let mut out = Vec::new();
        MultiGzDecoder::new(body.as_slice())
            .read_to_end(&mut out)
            .ok()?;
        body = out;
    }
    Some((
        header("content-type").unwrap_or_else(|| "text/html".to_owned()),
        body,
    ))
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_plain_and_chunked() {
        let (ct, body) =
            http_payload(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>")
                .expect("payload");
        assert_eq!(ct, "text/html");
        assert_eq!(body, b"<p>hi</p>");
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n4\r\n<p>h\r\n5\r\ni</p>\r\n0\r\n\r\n";
        assert_eq!(
            http_payload(chunked).map(|p| p.1),
            Some(b"<p>hi</p>".to_vec())
        );
        assert!(http_payload(b"GET / HTTP/1.1\r\n\r\n").is_none());
    }
}
