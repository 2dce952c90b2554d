//! Subcommands: one module each, with a clap `Args` struct and a `run` function.

pub mod compare;
pub mod extract;

/// Whether an error comes from writing to a closed pipe (the reader of our output exited).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
