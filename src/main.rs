//! The `whosaid` command line: a thin shell over the library. It parses the arguments,
//! dispatches to a subcommand in `cmd/`, prints a fatal error and maps the outcome to an exit
//! status: 0 all inputs processed, 1 some inputs skipped (each named on stderr), 2 usage,
//! gazetteer or other fatal error (clap also exits 2 on a usage error).

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod cmd;

/// mimalloc: extraction allocates and frees many small strings and lists per document, which
/// it serves with fewer instructions and cache misses than the system allocator (BENCHMARKS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Who said what, in the news: extract quotations with their speakers and roles.
#[derive(Parser)]
#[command(name = "whosaid", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every quotation with its speaker, role and cue (CSV, JSONL or a table).
    Extract(cmd::extract::Args),
    /// Group the quotes of several articles that report the same statement, and show where the
    /// reports differ (a report, JSONL, CSV or an HTML page).
    Compare(cmd::compare::Args),
    /// Build and check gazetteer files (`import` from congress-legislators, `check`).
    Gazetteer(cmd::gazetteer::Args),
    /// Print a shell completion script: `whosaid completions bash > /etc/bash_completion.d/whosaid`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `whosaid man | man -l -`.
    Man,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Gazetteer(args) => cmd::gazetteer::run(args).map(|()| ExitCode::SUCCESS),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "whosaid", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page).map_err(anyhow::Error::from).and_then(
                |()| {
                    std::io::stdout().write_all(&page)?;
                    Ok(ExitCode::SUCCESS)
                },
            )
        }
    };
    match result {
        Ok(code) => code,
        // The reader went away (`whosaid extract … | head`): nothing more to say.
        Err(e) if cmd::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "whosaid: error: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, `: `-separated, without a cause its parent already spelled out
/// (the library's I/O errors show their source in their own message).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut last = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !last.is_empty() && last.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
        last = text;
    }
    out
}
