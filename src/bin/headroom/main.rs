//! `headroom`: the sizing engine on the command line, for plans kept in a repository.
//!
//! `headroom --help` lists the commands; `headroom completions SHELL` prints shell completions.
//! Invalid input exits with status 2 and one line per problem on stderr, naming the parameter;
//! `export --check` exits 1 when the directory is stale. A closed pipe ends it quietly.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod import;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The command line is native only: its argument parser is not built for wasm32.
#[cfg(target_arch = "wasm32")]
fn main() {}
