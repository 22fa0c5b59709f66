-- Customer clusters per supplier, season and day type: the centres (daily shapes) and each member.
CREATE TABLE analytics_clusters (
    supplier_id  TEXT NOT NULL,
    season       TEXT NOT NULL,
    day_type     TEXT NOT NULL,
    cluster      BIGINT NOT NULL,
    members      BIGINT NOT NULL,
    centre       TEXT NOT NULL, -- JSON array of the 96 quarter-hour shares of the day
    silhouette   DOUBLE PRECISION,
    days         BIGINT NOT NULL,
    computed_at  BIGINT NOT NULL,
    PRIMARY KEY (supplier_id, season, day_type, cluster)
);

CREATE TABLE analytics_members (
    supplier_id  TEXT NOT NULL,
    season       TEXT NOT NULL,
    day_type     TEXT NOT NULL,
    meter        BIGINT NOT NULL,
    cluster      BIGINT NOT NULL,
    distance     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (supplier_id, season, day_type, meter)
);
CREATE INDEX analytics_members_meter ON analytics_members (meter);

-- Faults found in a meter's series (series = meter key) or an appliance's (series = minus its key).
CREATE TABLE analytics_faults (
    series       BIGINT NOT NULL,
    meter        BIGINT NOT NULL,
    rule         TEXT NOT NULL,
    start_ts     BIGINT NOT NULL,
    end_ts       BIGINT NOT NULL,
    observed_wh  BIGINT NOT NULL,
    expected_wh  BIGINT NOT NULL,
    detail       TEXT NOT NULL,
    detected_at  BIGINT NOT NULL,
    PRIMARY KEY (series, rule, start_ts)
);
CREATE INDEX analytics_faults_meter ON analytics_faults (meter, start_ts);
CREATE INDEX analytics_faults_detected ON analytics_faults (detected_at);

-- The last local day (Unix seconds of its start) each series was checked for faults.
CREATE TABLE analytics_checked (
    series  BIGINT PRIMARY KEY,
    day     BIGINT NOT NULL
);
