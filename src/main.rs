//! The `whosaid` command line: a thin shell over the library.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Who said what, in the news.
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Group the quotes of several articles that report the same statement.
    Compare(cmd::compare::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Compare(args) => cmd::compare::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("whosaid: {e:#}");
            ExitCode::from(2)
        }
    }
}
