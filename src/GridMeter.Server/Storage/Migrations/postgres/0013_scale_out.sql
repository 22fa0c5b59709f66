-- GridMeter schema 13: scale-out on PostgreSQL.
--
-- readings is partitioned by month of ts (Unix seconds, UTC months) with native declarative
-- partitioning. The primary key (meter, register, ts) already holds the partition column, so
-- every partition keeps its own unique index on it: re-sends are still recognised by
-- ON CONFLICT, and a meter's range query reads one index per month it spans (the rest are pruned).
-- A default partition takes readings of months without a partition of their own (old backfills,
-- clocks far off), so no reading is ever refused; the partition job creates each month ahead of
-- time and moves any such rows into it. Existing rows are copied into partitions, one per month
-- that has readings.
ALTER TABLE readings RENAME TO readings_unpartitioned;
ALTER TABLE readings_unpartitioned RENAME CONSTRAINT readings_pkey TO readings_unpartitioned_pkey;

CREATE TABLE readings (
    meter     BIGINT NOT NULL,
    register  SMALLINT NOT NULL,
    ts        BIGINT NOT NULL,
    value     BIGINT NOT NULL,
    PRIMARY KEY (meter, register, ts)
) PARTITION BY RANGE (ts);

CREATE TABLE readings_default PARTITION OF readings DEFAULT;

DO $$
DECLARE
    month TIMESTAMP;
BEGIN
    FOR month IN
        SELECT DISTINCT date_trunc('month', to_timestamp(ts) AT TIME ZONE 'UTC') FROM readings_unpartitioned
    LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF readings FOR VALUES FROM (%s) TO (%s)',
            'readings_' || to_char(month, 'YYYYMM'),
            extract(epoch FROM month)::BIGINT,
            extract(epoch FROM month + INTERVAL '1 month')::BIGINT);
    END LOOP;
END $$;

INSERT INTO readings (meter, register, ts, value) SELECT meter, register, ts, value FROM readings_unpartitioned;
DROP TABLE readings_unpartitioned;

-- Fixed-window counters of the rate limits, shared by every node: one row per policy, key and window.
CREATE TABLE rate_windows (
    policy        TEXT NOT NULL,
    key           TEXT NOT NULL,
    window_start  BIGINT NOT NULL,
    hits          INTEGER NOT NULL,
    PRIMARY KEY (policy, key, window_start)
);

-- Cluster-bus messages too large for NOTIFY (8000 bytes): the notification carries the id.
CREATE TABLE cluster_messages (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload     TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- The data-protection key ring (portal cookies, antiforgery tokens), shared by every node.
CREATE TABLE data_protection_keys (
    name  TEXT PRIMARY KEY,
    xml   TEXT NOT NULL
);
