//! The evaluation metrics of `../shared/data/README.md`, as pure functions with unit tests.

pub mod body;
pub mod conlleval;
pub mod meta;
pub mod tempeval;
