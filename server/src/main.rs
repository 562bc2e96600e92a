//! The `pexdesk` binary: command-line dispatch only.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::process::ExitCode;

use clap::Parser;
use server::cli::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match server::config::Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("pexdesk: {err}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(settings.log_format);
    let outcome = match cli.command.unwrap_or_default() {
        Command::Serve => server::serve::run(settings).await,
        Command::User { command } => {
            server::cli::user::run(&settings, command, &mut std::io::stdout()).await
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "pexdesk stopped");
            eprintln!("pexdesk: {err}");
            ExitCode::FAILURE
        }
    }
}
