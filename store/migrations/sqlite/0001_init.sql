-- Timestamps are unix milliseconds (UTC). Flags are 0/1 integers.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'helpdesk', 'user')),
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    last_login_at BIGINT
);

CREATE TABLE sessions (
    id           TEXT   PRIMARY KEY,
    handle       TEXT   NOT NULL,
    data         TEXT   NOT NULL,
    expires_at   BIGINT NOT NULL,
    user_id      BIGINT,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    client_addr  TEXT,
    user_agent   TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          BIGINT NOT NULL,
    actor_id    BIGINT,
    actor_email TEXT,
    actor_role  TEXT,
    client_addr TEXT,
    action      TEXT   NOT NULL,
    target      TEXT,
    outcome     TEXT   NOT NULL,
    diff        TEXT,
    detail      TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
