-- GridMeter schema 3: accounts — lockout, premises of consumers, API keys of integrators.

-- Lockout after repeated wrong passwords; the count restarts after a lock or a good login.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;
ALTER TABLE users ADD COLUMN password_changed_at INTEGER;

-- A place that is supplied: a flat, a house, a shop. A consumer linked to premises sees every
-- meter there; the hierarchy above premises (buildings, feeders) belongs to later schemas.
CREATE TABLE premises (
    key         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT,
    address     TEXT,
    created_at  INTEGER NOT NULL
);

ALTER TABLE meters ADD COLUMN premises_key INTEGER REFERENCES premises (key);
CREATE INDEX meters_by_premises ON meters (premises_key);

CREATE TABLE user_premises (
    user_key      INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    premises_key  INTEGER NOT NULL REFERENCES premises (key) ON DELETE CASCADE,
    PRIMARY KEY (user_key, premises_key)
) WITHOUT ROWID;
CREATE INDEX user_premises_by_premises ON user_premises (premises_key);

-- Keys for integrators, each acting for one organisation; only the SHA-256 of the key is kept.
CREATE TABLE api_keys (
    key              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    read_only        INTEGER NOT NULL,
    secret_hash      BLOB NOT NULL UNIQUE,
    created_at       INTEGER NOT NULL,
    created_by       TEXT NOT NULL,
    expires_at       INTEGER,
    revoked_at       INTEGER
);

CREATE INDEX audit_log_by_actor ON audit_log (actor, key);
CREATE INDEX audit_log_by_action ON audit_log (action, key);
CREATE INDEX audit_log_by_time ON audit_log (at);
