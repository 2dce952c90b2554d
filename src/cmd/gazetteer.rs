//! `whosaid gazetteer`: refresh `gazetteer/congress.csv` from the congress-legislators data
//! (`import`) and check gazetteer files before use (`check`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Subcommand;
use whosaid::gazetteer::{import, EntityKind, Gazetteer};

/// `whosaid gazetteer …`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The gazetteer subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build gazetteer rows for the US Congress, presidents and vice presidents from the
    /// congress-legislators YAML files (github.com/unitedstates/congress-legislators, CC0).
    Import(ImportArgs),
    /// Load gazetteer files and report what they hold, or the first error with file:line:column.
    Check(CheckArgs),
}

/// Arguments of `whosaid gazetteer import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// legislators-current.yaml from congress-legislators (downloaded beforehand: see
    /// gazetteer/README.md).
    #[arg(long, value_name = "PATH")]
    pub legislators: PathBuf,
    /// executive.yaml from congress-legislators.
    #[arg(long, value_name = "PATH")]
    pub executive: PathBuf,
    /// Hand-curated gazetteer files: people described there are left out of the import, so
    /// nobody is in the gazetteer twice (same id, or same name and a shared organisation).
    #[arg(
        long,
        value_name = "PATH",
        num_args = 0..,
        default_values = ["gazetteer/people.csv", "gazetteer/organizations.csv"]
    )]
    pub known: Vec<PathBuf>,
    /// Where to write the CSV; `-` for standard output.
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    pub output: PathBuf,
}

/// Arguments of `whosaid gazetteer check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Gazetteer files: entries (`id,name,kind,…`) or countries (`code,forms`).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Runs a gazetteer subcommand.
pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Import(a) => run_import(a),
        Command::Check(a) => run_check(a),
    }
}

fn run_import(args: ImportArgs) -> Result<()> {
    let imported = import::import_files(&args.legislators, &args.executive)?;
    let total = imported.len();
    let mut known = Gazetteer::empty();
    for path in &args.known {
        known.load_path(path)?;
    }
    let (kept, replaced) = import::without_known(imported, known.entries());
    let mut stderr = std::io::stderr().lock();
    for r in &replaced {
        writeln!(stderr, "left out {} ({}): {} describes this person", r.imported, r.name, r.kept)?;
    }
    // Names that remain on both sides belong to namesakes; a reader should know they exist.
    let mut known_names: BTreeMap<&str, &str> = BTreeMap::new();
    for k in known.entries() {
        for n in std::iter::once(&k.name).chain(&k.aliases) {
            known_names.insert(n, &k.id);
        }
    }
    for e in &kept {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            if let Some(k) = known_names.get(n.as_str()) {
                writeln!(stderr, "warning: `{n}` names both {} (imported) and {k}", e.id)?;
            }
        }
    }
    let mut buf = Vec::new();
    import::write_csv(&mut buf, &kept)?;
    if args.output == Path::new("-") {
        std::io::stdout().lock().write_all(&buf)?;
    } else {
        std::fs::write(&args.output, &buf).with_context(|| format!("writing {}", args.output.display()))?;
    }
    writeln!(
        stderr,
        "imported {} people ({total} in the source, {} already in the known files)",
        kept.len(),
        replaced.len()
    )?;
    Ok(())
}

fn run_check(args: CheckArgs) -> Result<()> {
    let mut first_file: BTreeMap<String, String> = BTreeMap::new();
    let mut stdout = std::io::stdout().lock();
    for path in &args.paths {
        let mut g = Gazetteer::empty();
        g.load_path(path)?;
        let name = path.display().to_string();
        if !g.countries().is_empty() {
            writeln!(stdout, "{name}: {} countries", g.countries().len())?;
            continue;
        }
        let people = g.entries().iter().filter(|e| e.kind == EntityKind::Person).count();
        let orgs = g.entries().len() - people;
        let roles: usize = g.entries().iter().map(|e| e.roles.len()).sum();
        writeln!(stdout, "{name}: {people} people, {orgs} organisations, {roles} roles")?;
        // The loader has refused an id used twice in one file, as `extract --gazetteer` does.
        for e in g.entries() {
            if let Some(other) = first_file.insert(e.id.clone(), name.clone()) {
                // Allowed: a later file can replace a built-in row; say so.
                writeln!(stdout, "{name}: `{}` replaces the entry from {other}", e.id)?;
            }
        }
    }
    Ok(())
}
