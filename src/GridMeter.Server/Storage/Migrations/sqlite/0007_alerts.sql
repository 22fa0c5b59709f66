-- GridMeter schema 7: alerts, their delivery outbox, preferences, supplier defaults and reports.

-- A condition that holds for a meter (or a user's view of it). While one is active, raising it
-- again alerts nobody: the same condition alerts once until it clears.
CREATE TABLE alert_conditions (
    condition_key  TEXT PRIMARY KEY,
    type           TEXT NOT NULL,
    meter_key      INTEGER,
    active         INTEGER NOT NULL,
    raised_at      INTEGER NOT NULL,
    cleared_at     INTEGER
);

-- One alert as one person receives it.
CREATE TABLE alerts (
    key            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    user_key       INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    type           TEXT NOT NULL,
    meter_id       TEXT,
    condition_key  TEXT NOT NULL,
    message        TEXT NOT NULL,
    raised_at      INTEGER NOT NULL
);
CREATE INDEX alerts_by_user ON alerts (user_key, key);

-- The outbox: one row per alert and channel, kept with its status after delivery.
CREATE TABLE alert_deliveries (
    key              INTEGER PRIMARY KEY,
    alert_key        INTEGER NOT NULL REFERENCES alerts (key) ON DELETE CASCADE,
    channel          TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    delivered_at     INTEGER,
    UNIQUE (alert_key, channel)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);

-- Where and when a person wants to hear: quiet hours in their time zone, a webhook.
CREATE TABLE alert_settings (
    user_key        INTEGER PRIMARY KEY REFERENCES users (key) ON DELETE CASCADE,
    time_zone       TEXT NOT NULL,
    quiet_from      INTEGER,
    quiet_to        INTEGER,
    webhook_url     TEXT,
    webhook_secret  TEXT,
    updated_at      INTEGER NOT NULL
);

-- A person's choice per alert type and channel; without a row the default applies.
CREATE TABLE alert_preferences (
    user_key    INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    alert_type  TEXT NOT NULL,
    channel     TEXT NOT NULL,
    enabled     INTEGER NOT NULL,
    PRIMARY KEY (user_key, alert_type, channel)
);

-- A consumer's daily consumption threshold for one meter, in Wh.
CREATE TABLE alert_thresholds (
    user_key   INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    meter_key  INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    daily_wh   INTEGER NOT NULL,
    PRIMARY KEY (user_key, meter_key)
);

-- A supplier's defaults for the rules; suppliers without a row use the configured ones.
CREATE TABLE alert_supplier_defaults (
    supplier_id            TEXT PRIMARY KEY REFERENCES organisations (id),
    daily_wh               INTEGER,
    offline_minutes        INTEGER NOT NULL,
    low_balance_cents      INTEGER NOT NULL,
    appliance_idle_hours   INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);

-- Where the rule job left off reading meter events (by their key).
CREATE TABLE alert_cursors (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);
-- Events stored before alerts existed are history, not news.
INSERT INTO alert_cursors (name, value) SELECT 'meter_events', COALESCE(MAX(key), 0) FROM meter_events;

-- Reports as sent, kept for the portal; and the schedules that produce them.
CREATE TABLE reports (
    key         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    user_key    INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    meter_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    period      TEXT NOT NULL,
    from_local  TEXT NOT NULL,
    to_local    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    html        TEXT NOT NULL,
    csv         TEXT NOT NULL,
    email_attempts  INTEGER NOT NULL DEFAULT 0,
    emailed_at      INTEGER
);
CREATE INDEX reports_unsent ON reports (emailed_at);
CREATE INDEX reports_by_user ON reports (user_key, key);

CREATE TABLE report_schedules (
    key          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    user_key     INTEGER NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    meter_key    INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    period       TEXT NOT NULL,
    weekday      INTEGER,
    local_time   INTEGER NOT NULL,
    time_zone    TEXT NOT NULL,
    next_run_at  INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX report_schedules_due ON report_schedules (next_run_at);
