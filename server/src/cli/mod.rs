//! The command line: `pexdesk [--config FILE] [serve | user …]`.

pub mod user;

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
    /// Manage portal accounts. Passwords are read from standard input or a prompt, never
    /// from the command line.
    User {
        #[command(subcommand)]
        command: user::UserCommand,
    },
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
    fn user_add_takes_email_and_role_but_no_password() {
        let cli = Cli::try_parse_from([
            "pexdesk", "user", "add", "--email", "a@b.c", "--role", "admin",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::User {
                command: user::UserCommand::Add { .. }
            })
        ));
        assert!(Cli::try_parse_from([
            "pexdesk",
            "user",
            "add",
            "--email",
            "a@b.c",
            "--role",
            "admin",
            "--password",
            "x"
        ])
        .is_err());
    }

    #[test]
    fn config_flag_is_read() {
        let cli = Cli::try_parse_from(["pexdesk", "--config", "x.toml", "serve"]).unwrap();
        assert_eq!(cli.config.unwrap(), PathBuf::from("x.toml"));
    }
}
