//! Subcommands: one module each, with a clap `Args` struct and a `run` function.

pub mod common;
pub mod compare;
pub mod extract;
pub mod gazetteer;
pub mod outfile;

/// Whether an error comes from writing to a closed pipe (the reader of our output exited).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(broken)
            || c.downcast_ref::<whosaid::Error>().and_then(whosaid::Error::io_error).is_some_and(broken)
    })
}
