-- GridMeter schema 12: firmware images, rollouts and where each meter stands in one.

CREATE TABLE firmware_images (
    key          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    model        TEXT NOT NULL,
    version      TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    signature    TEXT NOT NULL,
    supplier_id  TEXT REFERENCES organisations (id),
    uploaded_by  TEXT NOT NULL,
    uploaded_at  INTEGER NOT NULL,
    UNIQUE (model, version)
);

CREATE TABLE rollouts (
    key                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    name               TEXT,
    image_key          INTEGER NOT NULL REFERENCES firmware_images (key),
    supplier_id        TEXT REFERENCES organisations (id),
    status             TEXT NOT NULL CHECK (status IN ('running', 'paused', 'completed', 'cancelled')),
    waves              TEXT NOT NULL,
    current_wave       INTEGER NOT NULL,
    success_threshold  INTEGER NOT NULL,
    error_threshold    INTEGER NOT NULL,
    maintenance_window TEXT NOT NULL,
    forced             INTEGER NOT NULL,
    download_base      TEXT NOT NULL,
    pause_reason       TEXT,
    created_by         TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX rollouts_by_status ON rollouts (status);

CREATE TABLE rollout_meters (
    rollout_key  INTEGER NOT NULL REFERENCES rollouts (key) ON DELETE CASCADE,
    meter_key    INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    wave         INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('scheduled', 'downloading', 'verifying', 'installing', 'activated', 'failed', 'rolledBack')),
    command_id   TEXT,
    sent_at      INTEGER,
    detail       TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (rollout_key, meter_key)
) WITHOUT ROWID;
CREATE INDEX rollout_meters_by_state ON rollout_meters (rollout_key, state, wave);
