//! `pexdesk user add|list|passwd|disable|enable`: account management from the shell.

use std::io::{BufRead, IsTerminal, Write};

use app::auth::Role;
use clap::Subcommand;
use pexdesk_store::{NewAuditEntry, Outcome, Password, PasswordPolicy, Users};

use crate::{config::Settings, error::ServerError, services};

/// What to do with accounts.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input or a prompt.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// List accounts.
    List,
    /// Set a new password (from standard input or a prompt) and end the account's sessions.
    Passwd { email: String },
    /// Disable an account and end its sessions.
    Disable { email: String },
    /// Enable a disabled account.
    Enable { email: String },
}

fn parse_role(value: &str) -> Result<Role, String> {
    Role::parse(value).ok_or_else(|| "choose admin, helpdesk or user".to_owned())
}

/// Runs a user command, printing to `out`.
pub async fn run(
    settings: &Settings,
    command: UserCommand,
    out: &mut impl Write,
) -> Result<(), ServerError> {
    let portal = services::open(settings, services::offline_upstream()?).await?;
    let users = &portal.users;
    let store_err = |e: pexdesk_store::StoreError| ServerError::Config(e.to_string());
    let io = |e: std::io::Error| ServerError::Serve(e);
    let (action, target) = match command {
        UserCommand::Add { email, role } => {
            let password = read_password("Password for the new account: ")?;
            let user = users
                .create(&email, app::auth::guard::to_store_role(role), &password)
                .await
                .map_err(store_err)?;
            writeln!(out, "created {} ({})", user.email, user.role).map_err(io)?;
            ("user.create", user.email)
        }
        UserCommand::List => {
            for user in users.list().await.map_err(store_err)? {
                let status = if user.disabled { "disabled" } else { "active" };
                writeln!(out, "{}\t{}\t{}", user.email, user.role, status).map_err(io)?;
            }
            return Ok(());
        }
        UserCommand::Passwd { email } => {
            let user = find(users, &email).await?;
            let password = read_password("New password: ")?;
            users
                .set_password(user.id, &password)
                .await
                .map_err(store_err)?;
            portal
                .sessions
                .delete_all_for_user(user.id)
                .await
                .map_err(store_err)?;
            writeln!(out, "password changed for {}", user.email).map_err(io)?;
            ("user.password", user.email)
        }
        UserCommand::Disable { email } => {
            let user = find(users, &email).await?;
            users.set_disabled(user.id, true).await.map_err(store_err)?;
            portal
                .sessions
                .delete_all_for_user(user.id)
                .await
                .map_err(store_err)?;
            writeln!(out, "disabled {}", user.email).map_err(io)?;
            ("user.disable", user.email)
        }
        UserCommand::Enable { email } => {
            let user = find(users, &email).await?;
            users
                .set_disabled(user.id, false)
                .await
                .map_err(store_err)?;
            writeln!(out, "enabled {}", user.email).map_err(io)?;
            ("user.enable", user.email)
        }
    };
    portal
        .audit
        .record(NewAuditEntry {
            actor_id: None,
            actor_email: Some("cli".into()),
            actor_role: None,
            client_addr: None,
            action: action.into(),
            target: Some(target),
            outcome: Outcome::Success,
            before: None,
            after: None,
            detail: Some("pexdesk user command".into()),
        })
        .await
        .map_err(store_err)
}

async fn find(users: &Users, email: &str) -> Result<pexdesk_store::User, ServerError> {
    users
        .find_by_email(email)
        .await
        .map_err(|e| ServerError::Config(e.to_string()))?
        .ok_or_else(|| ServerError::Config(format!("no account with the email {email}")))
}

/// Reads a password: a hidden prompt on a terminal, else one line of standard input.
fn read_password(prompt: &str) -> Result<Password, ServerError> {
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(ServerError::Serve)?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(ServerError::Serve)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    PasswordPolicy::check(&password).map_err(|v| ServerError::Config(v.to_string()))?;
    Ok(Password::new(password))
}
