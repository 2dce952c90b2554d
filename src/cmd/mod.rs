//! Subcommands: one file each, with its clap arguments and a `run` that returns the exit code.

pub mod compare;
