//! The embedded default: with no Management Node configured, pexdesk starts pexsim
//! in-process with demo data and random credentials, and creates one demo account per
//! role (the `user` one owns demo rooms). Their password is printed once, when they are
//! created; later starts keep the accounts as they are.

use pexdesk_store::{Password, Role, Users};
use pexsim::{Config, SimHandle};
use rand::{distributions::Alphanumeric, Rng};

use crate::error::ServerError;

/// The demo accounts, one per role. `alice@example.com` owns rooms in pexsim's demo data.
pub const DEMO_ACCOUNTS: [(&str, Role); 3] = [
    ("admin@example.com", Role::Admin),
    ("helpdesk@example.com", Role::Helpdesk),
    ("alice@example.com", Role::User),
];

/// The simulator running inside this process.
pub struct Embedded {
    handle: SimHandle,
    username: String,
    password: String,
}

impl Embedded {
    /// Starts pexsim on a loopback port with demo data, fresh random credentials and this
    /// much activity (in real time).
    pub async fn start(activity: pexsim::Activity) -> Result<Embedded, ServerError> {
        let username = "pexdesk".to_owned();
        let password = random_secret(32);
        let handle = pexsim::spawn(Config {
            username: username.clone(),
            password: password.clone(),
            demo: true,
            activity,
            time_scale: 1.0,
            ..Config::default()
        })
        .await
        .map_err(|e| ServerError::Config(format!("could not start the built-in simulator: {e}")))?;
        tracing::info!(url = %handle.base_url(), "built-in Management Node simulator started");
        Ok(Embedded {
            handle,
            username,
            password,
        })
    }

    /// The simulator's base URL.
    pub fn base_url(&self) -> String {
        self.handle.base_url()
    }

    /// The simulator's API user.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The simulator's API password (random for each start).
    pub fn password(&self) -> &str {
        &self.password
    }

    /// Stops the simulator.
    pub async fn shutdown(self) {
        self.handle.shutdown().await;
    }
}

/// Creates the demo accounts that do not exist yet. Returns the password given to the new
/// ones, if any were created.
pub async fn ensure_demo_accounts(users: &Users) -> Result<Option<String>, ServerError> {
    let password = random_secret(16);
    let mut created = false;
    for (email, role) in DEMO_ACCOUNTS {
        let exists = users
            .find_by_email(email)
            .await
            .map_err(|e| ServerError::Config(format!("demo accounts: {e}")))?
            .is_some();
        if !exists {
            users
                .create(email, role, &Password::new(password.clone()))
                .await
                .map_err(|e| ServerError::Config(format!("demo accounts: {e}")))?;
            created = true;
        }
    }
    Ok(created.then_some(password))
}

/// Where the demo password goes when standard output is not a terminal (a service
/// manager or CI would keep it in their logs), readable by the owner only.
pub const PASSWORD_FILE: &str = "data/demo-password.txt";

/// Tells the person at the terminal how to sign in, once. The password is printed only to
/// a terminal; otherwise it is written to [`PASSWORD_FILE`] and the banner names the file.
pub fn print_banner(listen: &str, password: Option<&str>) {
    use std::io::IsTerminal;
    let shown = match password {
        Some(p) if !std::io::stdout().is_terminal() => match write_password_file(p) {
            Ok(()) => Some(format!("in {PASSWORD_FILE} (readable by you only)")),
            Err(err) => {
                tracing::warn!(error = %err, "could not write the demo password file");
                None
            }
        },
        Some(p) => Some(p.to_owned()),
        None => None,
    };
    print_banner_text(listen, password.is_some(), shown.as_deref());
}

fn write_password_file(password: &str) -> std::io::Result<()> {
    write_private_file(
        std::path::Path::new(PASSWORD_FILE),
        &format!("{password}\n"),
    )
}

/// Writes `text` to `path`, creating its folder, readable and writable by the owner only.
fn write_private_file(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())
}

impl Embedded {
    /// Writes the simulator's URL and credentials to `path` as JSON (owner-only), for
    /// scripts and browser tests. Only when the operator asked for it.
    pub fn write_credentials(&self, path: &str) -> Result<(), ServerError> {
        let text = serde_json::json!({
            "url": self.base_url(),
            "username": self.username(),
            "password": self.password(),
        })
        .to_string();
        write_private_file(std::path::Path::new(path), &text)
            .map_err(|e| ServerError::Config(format!("embedded_credentials_file {path}: {e}")))
    }
}

fn print_banner_text(listen: &str, created: bool, password: Option<&str>) {
    let mut text = format!(
        "\npexdesk is running on the embedded default: a built-in Pexip Infinity simulator \
         with demo data.\nOpen http://{listen} and sign in with one of these accounts:\n"
    );
    for (email, role) in DEMO_ACCOUNTS {
        text.push_str(&format!("  {:<9} {email}\n", role.to_string()));
    }
    match (created, password) {
        (true, Some(p)) => text.push_str(&format!(
            "Password for all three (given only now; change it with `pexdesk user passwd`): {p}\n"
        )),
        (true, None) => text.push_str(
            "Their password could not be shown; set one with `pexdesk user passwd EMAIL`.\n",
        ),
        (false, _) => text.push_str(
            "These accounts already existed, so their passwords are unchanged. \
             Set a new one with `pexdesk user passwd EMAIL`.\n",
        ),
    }
    println!("{text}");
}

fn random_secret(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}
