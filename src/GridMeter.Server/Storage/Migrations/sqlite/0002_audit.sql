-- The append-only audit log: who changed what, when, from where.
CREATE TABLE audit_log (
    key           INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    target        TEXT NOT NULL,
    details       TEXT,
    from_address  TEXT
);
CREATE INDEX audit_log_by_target ON audit_log (target, key);

-- Nothing may change or remove an entry once written.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
