-- GridMeter schema 11: tariffs, bills, prepayment and tariff-change requests. Money in bills is
-- kept as decimal text (exact, as billed); prepaid balances as integer millionths of the currency
-- unit, so the job and top-ups change them with one atomic UPDATE.

-- A supplier's tariffs: the CONTRACT section 4 document as last saved.
CREATE TABLE tariffs (
    id           TEXT PRIMARY KEY,
    supplier_id  TEXT NOT NULL REFERENCES organisations (id),
    name         TEXT NOT NULL,
    document     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX tariffs_by_supplier ON tariffs (supplier_id);

-- The tariff a meter is on from a local date, its document copied: editing a tariff later never reprices the past.
CREATE TABLE tariff_assignments (
    meter_key     BIGINT NOT NULL REFERENCES meters (key),
    valid_from    TEXT NOT NULL, -- local date yyyy-MM-dd
    tariff_id     TEXT,
    document      TEXT NOT NULL,
    payment_mode  TEXT NOT NULL,
    assigned_by   TEXT NOT NULL,
    assigned_at   BIGINT NOT NULL,
    PRIMARY KEY (meter_key, valid_from)
);

CREATE TABLE bill_runs (
    id           TEXT PRIMARY KEY,
    supplier_id  TEXT NOT NULL REFERENCES organisations (id),
    month        TEXT NOT NULL, -- yyyy-MM, each meter's local calendar month
    bills        BIGINT NOT NULL,
    notes        BIGINT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX bill_runs_by_supplier ON bill_runs (supplier_id, month);

-- Bills, and credit or debit notes correcting one when validated data changed after billing.
CREATE TABLE bills (
    id           TEXT PRIMARY KEY,
    run_id       TEXT NOT NULL REFERENCES bill_runs (id),
    meter_key    BIGINT NOT NULL REFERENCES meters (key),
    supplier_id  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('bill', 'credit', 'debit')),
    corrects     TEXT REFERENCES bills (id),
    period_from  BIGINT NOT NULL, -- Unix seconds, half-open
    period_to    BIGINT NOT NULL,
    currency     TEXT NOT NULL,
    subtotal     TEXT NOT NULL,
    vat          TEXT NOT NULL,
    total        TEXT NOT NULL,
    import_wh    BIGINT NOT NULL,
    lines        TEXT NOT NULL, -- JSON array of {name, quantity, unit, price, amount}
    created_at   BIGINT NOT NULL
);
CREATE INDEX bills_by_meter ON bills (meter_key, period_from);
CREATE INDEX bills_by_run ON bills (run_id);

CREATE TABLE prepaid_accounts (
    meter_key         BIGINT PRIMARY KEY REFERENCES meters (key),
    currency          TEXT NOT NULL,
    balance_micros    BIGINT NOT NULL,
    emergency_micros  BIGINT NOT NULL,
    threshold_micros  BIGINT NOT NULL,
    debt_micros       BIGINT NOT NULL,
    debited_to        BIGINT NOT NULL, -- Unix seconds: use before this is paid for
    supply            TEXT NOT NULL CHECK (supply IN ('connected', 'disconnected')),
    low_balance       BIGINT NOT NULL,
    exhausted         BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);

-- Every credited payment once, by its id (staff top-ups and the payment provider's callbacks alike).
CREATE TABLE topups (
    payment_id  TEXT PRIMARY KEY,
    meter_key   BIGINT NOT NULL REFERENCES meters (key),
    amount      TEXT NOT NULL,
    to_debt     TEXT NOT NULL,
    source      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX topups_by_meter ON topups (meter_key, created_at);

CREATE TABLE tariff_requests (
    id             TEXT PRIMARY KEY,
    meter_key      BIGINT NOT NULL REFERENCES meters (key),
    tariff_id      TEXT NOT NULL REFERENCES tariffs (id),
    valid_from     TEXT NOT NULL,
    message        TEXT,
    requested_by   TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by     TEXT,
    decision_note  TEXT,
    created_at     BIGINT NOT NULL,
    decided_at     BIGINT
);
CREATE INDEX tariff_requests_by_meter ON tariff_requests (meter_key, created_at);

-- A meter's period is billed once, whatever runs overlap.
CREATE UNIQUE INDEX bills_one_per_period ON bills (meter_key, period_from) WHERE kind = 'bill';
