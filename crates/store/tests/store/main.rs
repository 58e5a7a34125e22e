//! Integration tests of the store: one binary, so it links once.

mod fixtures;
mod open;
mod read;
mod resolve;
mod schema_doc;
mod tidy;
mod write;
