-- GridMeter schema 1: organisations, users, meters, readings, quarantine.
-- Instants are Unix milliseconds (readings: Unix seconds); energy is in thousandths of the
-- register's unit (Wh for kWh), so every sum is exact.

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('supplier', 'networkOperator')),
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    key             INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('consumer', 'supplier', 'operator', 'admin')),
    organisation_id TEXT REFERENCES organisations (id),
    email           TEXT,
    mobile          TEXT,
    security_stamp  TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE TABLE access_tokens (
    token_hash  BLOB PRIMARY KEY,
    user_key    INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX access_tokens_by_user ON access_tokens (user_key);

CREATE TABLE meters (
    key                    INTEGER PRIMARY KEY,
    id                     TEXT NOT NULL UNIQUE,
    time_zone              TEXT NOT NULL,
    phases                 INTEGER NOT NULL CHECK (phases IN (1, 3)),
    secret_hash            BLOB NOT NULL,
    supplier_id            TEXT REFERENCES organisations (id),
    network_operator_id    TEXT REFERENCES organisations (id),
    name                   TEXT,
    model                  TEXT,
    reading_period_minutes INTEGER NOT NULL DEFAULT 15,
    max_current_a          INTEGER NOT NULL DEFAULT 63,
    nominal_voltage_v      INTEGER NOT NULL DEFAULT 230,
    created_at             INTEGER NOT NULL
);
CREATE INDEX meters_by_supplier ON meters (supplier_id);
CREATE INDEX meters_by_network_operator ON meters (network_operator_id);

CREATE TABLE user_meters (
    user_key   INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    meter_key  INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    PRIMARY KEY (user_key, meter_key)
) WITHOUT ROWID;
CREATE INDEX user_meters_by_meter ON user_meters (meter_key);

-- OBIS codes get a small number so a stored reading takes a byte for its register.
CREATE TABLE registers (
    key   INTEGER PRIMARY KEY,
    obis  TEXT NOT NULL UNIQUE
);

-- Keyed by meter first: a meter's history is one contiguous range, read by every query and
-- appended to by every batch a meter sends.
CREATE TABLE readings (
    meter     INTEGER NOT NULL,
    register  INTEGER NOT NULL,
    ts        INTEGER NOT NULL,
    value     INTEGER NOT NULL,
    PRIMARY KEY (meter, register, ts)
) WITHOUT ROWID;

-- A re-send of a stored reading with another value: kept beside it, never overwriting it.
CREATE TABLE reading_conflicts (
    meter        INTEGER NOT NULL,
    register     INTEGER NOT NULL,
    ts           INTEGER NOT NULL,
    value        INTEGER NOT NULL,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (meter, register, ts, value)
) WITHOUT ROWID;

CREATE TABLE quarantine (
    key                INTEGER PRIMARY KEY,
    received_at        INTEGER NOT NULL,
    meter_id           TEXT,
    source             TEXT NOT NULL,
    reason             TEXT NOT NULL,
    payload            BLOB NOT NULL,
    payload_truncated  INTEGER NOT NULL
);
CREATE INDEX quarantine_by_time ON quarantine (received_at);
