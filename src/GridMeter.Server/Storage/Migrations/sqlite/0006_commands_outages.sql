-- GridMeter schema 6: commands to meters (lifecycle, approval) and outages.

CREATE TABLE commands (
    key           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    meter_key     INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    command       TEXT NOT NULL,
    parameters    TEXT NOT NULL,
    reason        TEXT,
    status        TEXT NOT NULL CHECK (status IN ('awaitingApproval', 'pending', 'sent', 'succeeded', 'failed', 'rejected', 'expired')),
    requested_by  TEXT NOT NULL,
    requester_key INTEGER,
    supplier_id   TEXT,
    approved_by   TEXT,
    result        TEXT,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    sent_at       INTEGER,
    completed_at  INTEGER
);
CREATE INDEX commands_by_meter ON commands (meter_key, created_at);
CREATE INDEX commands_open ON commands (status, expires_at);
CREATE INDEX commands_by_supplier ON commands (supplier_id, command, created_at);

-- An outage: one premises (a single meter) or part of the network (a feeder and every meter on it that went down).
CREATE TABLE outages (
    key                  INTEGER PRIMARY KEY,
    scope                TEXT NOT NULL CHECK (scope IN ('premises', 'network')),
    node_id              TEXT,
    network_operator_id  TEXT,
    cause                TEXT NOT NULL,
    started_at           INTEGER NOT NULL,
    restored_at          INTEGER
);
CREATE INDEX outages_open ON outages (restored_at, node_id);

CREATE TABLE outage_meters (
    outage_key   INTEGER NOT NULL REFERENCES outages (key) ON DELETE CASCADE,
    meter_key    INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    down_at      INTEGER NOT NULL,
    restored_at  INTEGER,
    PRIMARY KEY (outage_key, meter_key)
) WITHOUT ROWID;
CREATE INDEX outage_meters_by_meter ON outage_meters (meter_key, restored_at);
