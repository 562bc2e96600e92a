//! The command line: `pexdesk [--config FILE] [serve]`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// pexdesk: a web portal for a Pexip Infinity video platform.
#[derive(Debug, Parser)]
#[command(name = "pexdesk", version, about)]
pub struct Cli {
    /// A TOML file with settings; `PEXDESK_*` environment variables override it.
    #[arg(long, global = true, value_name = "FILE", env = "PEXDESK_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; `serve` when nothing is named.
#[derive(Debug, Default, Subcommand)]
pub enum Command {
    /// Serve the portal (the default).
    #[default]
    Serve,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_is_the_default() {
        let cli = Cli::try_parse_from(["pexdesk"]).unwrap();
        assert!(cli.command.is_none());
        assert!(matches!(cli.command.unwrap_or_default(), Command::Serve));
    }

    #[test]
    fn config_flag_is_read() {
        let cli = Cli::try_parse_from(["pexdesk", "--config", "x.toml", "serve"]).unwrap();
        assert_eq!(cli.config.unwrap(), PathBuf::from("x.toml"));
    }
}
