-- GridMeter schema 4: meter-data management. Normal intervals are never stored: they are derived
-- from consecutive readings. Only exceptions (suspect spans, estimates, edits, register events),
-- learned profiles and daily rollups are kept, plus the work list of the meter-data job.
-- "meter" columns hold a series key: a meter's key, or minus an appliance's key.

-- Days of a series whose readings changed (any register), written in the same transaction as the
-- readings; one per series and day, not per register, so a snapshot of several registers costs one.
-- The job claims markers before it reads the readings and deletes only those still claimed after
-- its work; a commit in between clears the claim, so its readings are processed next round. A
-- marker that is there and unclaimed is left untouched by the writer: no page write per commit.
CREATE TABLE mdm_dirty (
    meter     INTEGER NOT NULL,
    day       INTEGER NOT NULL, -- UTC day: Unix seconds / 86400
    claimed   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meter, day)
) WITHOUT ROWID;

-- Background jobs run on one node at a time: the holder of an unexpired lease.
CREATE TABLE job_leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);

-- Spans that failed validation; their intervals are suspect.
CREATE TABLE vee_flags (
    meter     INTEGER NOT NULL,
    register  INTEGER NOT NULL,
    start_ts  INTEGER NOT NULL,
    end_ts    INTEGER NOT NULL,
    rule      TEXT NOT NULL,
    detail    TEXT NOT NULL,
    PRIMARY KEY (meter, register, start_ts, rule)
) WITHOUT ROWID;

-- Gap estimates: (Unix seconds, Wh since start_ts) pairs as little-endian int64s.
CREATE TABLE vee_estimates (
    meter     INTEGER NOT NULL,
    register  INTEGER NOT NULL,
    start_ts  INTEGER NOT NULL,
    end_ts    INTEGER NOT NULL,
    points    BLOB NOT NULL,
    PRIMARY KEY (meter, register, start_ts)
) WITHOUT ROWID;

-- Rollovers found by validation; meter exchanges and register resets recorded by people.
CREATE TABLE register_events (
    meter         INTEGER NOT NULL,
    register      INTEGER NOT NULL,
    ts            INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rollover', 'exchange', 'reset')),
    before_value  INTEGER NOT NULL,
    after_value   INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    reason        TEXT,
    recorded_at   INTEGER NOT NULL,
    PRIMARY KEY (meter, register, ts)
) WITHOUT ROWID;

-- People's corrections, one version each; earlier versions are never changed.
CREATE TABLE interval_edits (
    meter       INTEGER NOT NULL,
    register    INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    start_ts    INTEGER NOT NULL,
    end_ts      INTEGER NOT NULL,
    points      BLOB NOT NULL,
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (meter, register, version)
) WITHOUT ROWID;

-- Each register's typical quarter-hour per weekday and time, relearned weekly.
CREATE TABLE meter_profiles (
    meter       INTEGER NOT NULL,
    register    INTEGER NOT NULL,
    learned_at  INTEGER NOT NULL,
    profile     BLOB NOT NULL,
    PRIMARY KEY (meter, register)
) WITHOUT ROWID;

-- Consumption per local day (day = DateOnly day number), as validated, estimated and edited.
CREATE TABLE rollup_days (
    meter      INTEGER NOT NULL,
    register   INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    wh         INTEGER,
    intervals  INTEGER NOT NULL,
    min_wh     INTEGER,
    max_wh     INTEGER,
    quality    INTEGER NOT NULL,
    PRIMARY KEY (meter, register, day)
) WITHOUT ROWID;

-- A supplier's own validation thresholds; suppliers without a row use the defaults.
CREATE TABLE vee_settings (
    supplier_id          TEXT PRIMARY KEY REFERENCES organisations (id),
    flat_line_hours      INTEGER NOT NULL,
    spike_mad_tenths     INTEGER NOT NULL,
    spike_floor_wh       INTEGER NOT NULL,
    profile_min_samples  INTEGER NOT NULL,
    clock_drift_seconds  INTEGER NOT NULL,
    max_ahead_seconds    INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

-- Network area → feeder/transformer → building (with its main meter) → premises.
CREATE TABLE grid_nodes (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('area', 'feeder', 'building', 'premises')),
    parent_id       TEXT REFERENCES grid_nodes (id),
    name            TEXT,
    main_meter_key  INTEGER REFERENCES meters (key),
    created_at      INTEGER NOT NULL
);
CREATE INDEX grid_nodes_by_parent ON grid_nodes (parent_id);

-- Where a meter hangs in the network: a premises, or a building directly.
CREATE TABLE meter_placements (
    meter_key  INTEGER PRIMARY KEY REFERENCES meters (key),
    node_id    TEXT NOT NULL REFERENCES grid_nodes (id)
);
CREATE INDEX meter_placements_by_node ON meter_placements (node_id);

-- Sub-meters and smart plugs behind a meter; their readings use the series key -key.
CREATE TABLE appliances (
    key            INTEGER PRIMARY KEY,
    meter_key      INTEGER NOT NULL REFERENCES meters (key),
    id             TEXT NOT NULL,
    name           TEXT NOT NULL,
    type           TEXT NOT NULL,
    rated_power_w  INTEGER,
    state          TEXT,
    state_at       INTEGER,
    created_at     INTEGER NOT NULL,
    UNIQUE (meter_key, id)
);
