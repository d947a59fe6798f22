//! The `corridor link` command, built from this crate for benchmarking before (and
//! independently of) the CLI crate: `cargo run --release -p corridor-matching --example link -- --input A.csv --output PAIRS.csv`.

#[path = "../../cli/src/link.rs"]
mod link;

use clap::Parser;

// The same allocator as the `corridor` binary, so that the benchmark measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: link::LinkArgs,
}

fn main() -> anyhow::Result<()> {
    link::run(Cli::parse().args)
}
