-- GridMeter schema 5: gateways, device status, meter events, live 1-minute aggregates.

CREATE TABLE gateways (
    key          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    secret_hash  BLOB NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE gateway_meters (
    gateway_key  INTEGER NOT NULL REFERENCES gateways (key) ON DELETE CASCADE,
    meter_key    INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    PRIMARY KEY (gateway_key, meter_key)
) WITHOUT ROWID;

-- What a meter last said about itself (status topic, will) and when it was last heard from.
CREATE TABLE meter_status (
    meter_key   INTEGER PRIMARY KEY REFERENCES meters (key) ON DELETE CASCADE,
    online      INTEGER,
    firmware    TEXT,
    relay       TEXT,
    rssi        INTEGER,
    changed_at  INTEGER,
    last_seen   INTEGER
);

-- Events as meters report them; a re-sent event (same meter, time and type) is stored once.
CREATE TABLE meter_events (
    key          INTEGER PRIMARY KEY,
    meter_key    INTEGER NOT NULL REFERENCES meters (key) ON DELETE CASCADE,
    ts           INTEGER NOT NULL,
    type         TEXT NOT NULL,
    details      TEXT,
    received_at  INTEGER NOT NULL,
    UNIQUE (meter_key, ts, type)
);
CREATE INDEX meter_events_by_type ON meter_events (type, ts);

-- Live values are kept as 1-minute min/avg/max per OBIS code, as JSON {"1-0:1.7.0":[min,avg,max],…}.
CREATE TABLE live_minutes (
    meter_key  INTEGER NOT NULL,
    minute     INTEGER NOT NULL,
    stats      TEXT NOT NULL,
    PRIMARY KEY (meter_key, minute)
) WITHOUT ROWID;
