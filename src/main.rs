//! The `whosaid` command line: a thin shell over the library.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd {
    pub mod gazetteer;
}

/// Who said what, in the news.
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build and check gazetteer files.
    Gazetteer(cmd::gazetteer::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Gazetteer(args) => cmd::gazetteer::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The library's errors already say their cause; print each cause once.
            let mut message = e.to_string();
            for cause in e.chain().skip(1).map(ToString::to_string) {
                if !message.contains(&cause) {
                    message = format!("{message}: {cause}");
                }
            }
            eprintln!("whosaid: {message}");
            ExitCode::from(2)
        }
    }
}
