-- GridMeter schema 8: webhooks with their delivery log, and third-party applications with the
-- grants consumers give them (Green Button "Connect My Data", OAuth 2 authorisation code).

CREATE TABLE webhook_subscriptions (
    key              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    organisation_id  TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    url              TEXT NOT NULL,
    event_types      TEXT NOT NULL,
    secret           TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    ended_at         INTEGER
);

-- One row per event and subscription: the delivery log and the retry queue at once.
CREATE TABLE webhook_deliveries (
    key               INTEGER PRIMARY KEY,
    subscription_key  INTEGER NOT NULL REFERENCES webhook_subscriptions (key) ON DELETE CASCADE,
    event_id          TEXT NOT NULL,
    event_type        TEXT NOT NULL,
    payload           TEXT NOT NULL,
    status            TEXT NOT NULL,
    attempts          INTEGER NOT NULL,
    next_attempt_at   INTEGER NOT NULL,
    last_status       INTEGER,
    last_error        TEXT,
    created_at        INTEGER NOT NULL,
    delivered_at      INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_key, key);

CREATE TABLE oauth_clients (
    key           INTEGER PRIMARY KEY,
    client_id     TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    redirect_uri  TEXT NOT NULL,
    secret_hash   BLOB NOT NULL,
    created_at    INTEGER NOT NULL
);

-- What a consumer let an application read: scopes, meters and the period of data.
CREATE TABLE oauth_grants (
    key              INTEGER PRIMARY KEY,
    client_key       INTEGER NOT NULL REFERENCES oauth_clients (key) ON DELETE CASCADE,
    user_key         INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    scopes           TEXT NOT NULL,
    meter_ids        TEXT NOT NULL,
    data_from        INTEGER NOT NULL,
    data_to          INTEGER NOT NULL,
    code_hash        BLOB,
    code_expires_at  INTEGER,
    revoked_at       INTEGER,
    created_at       INTEGER NOT NULL
);

CREATE TABLE oauth_tokens (
    token_hash  BLOB PRIMARY KEY,
    grant_key   INTEGER NOT NULL REFERENCES oauth_grants (key) ON DELETE CASCADE,
    expires_at  INTEGER NOT NULL
);
