//! The `rareflow` binary: parses the command line, runs one command, prints its report,
//! and maps errors to exit codes (1 for data and user errors; clap uses 2 for usage).
//! Glue only: every rule lives in a library crate.

// A binary exports nothing, so `pub` inside it marks what modules share, not an API.
#![allow(unreachable_pub)]

mod args;
mod chart;
mod commands;
mod context;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    // A server answers many clients at once; every other command answers one question.
    let runtime = if matches!(cli.command, args::Command::Serve(_)) {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    };
    let runtime = match runtime {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let kind = e
                .chain()
                .find_map(|c| c.downcast_ref::<service::Error>())
                .map(|s| (s.kind(), hint(s)));
            match kind {
                Some((_, Some(ref hint))) => eprintln!("error: {e:#}: {hint}"),
                _ => eprintln!("error: {e:#}"),
            }
            match kind {
                Some((service::ErrorKind::Usage, _)) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// What the user can do about an error, in the command line's own terms.
fn hint(e: &service::Error) -> Option<String> {
    match e {
        service::Error::EditionExists { bundled, .. } => Some(format!(
            "pass --replace to replace an imported edition{}",
            if *bundled {
                " (bundled editions cannot be replaced; give the file another SOURCE id)"
            } else {
                ""
            }
        )),
        _ => None,
    }
}

/// A reader that stopped early (`rareflow rank | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
            || c.downcast_ref::<serde_json::Error>().is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
