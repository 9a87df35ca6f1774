-- Approval requests, their votes, the audit chain and the global freeze switch. Portable SQL: the
-- same file runs on H2 (the embedded default) and PostgreSQL.

-- One row per approve-first decision. The action is kept as its canonical JSON, so that reading it
-- back gives an action with the same hash as action_hash. The state changes only through
-- conditional updates (WHERE state = the expected one), which is what lets exactly one of several
-- concurrent callers win a transition; a vote updates updated_at the same way (WHERE state =
-- 'PENDING') in its transaction, so that votes and transitions of a request are serialised.
CREATE TABLE approval_request (
    id            VARCHAR(100) PRIMARY KEY,
    action_json   TEXT         NOT NULL,
    action_hash   VARCHAR(100) NOT NULL,
    rule_name     VARCHAR(200),
    approvers     TEXT         NOT NULL,
    min_approvals INTEGER      NOT NULL,
    ttl_millis    BIGINT       NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    note          TEXT,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_approval_request_state
        CHECK (state IN ('PENDING', 'APPROVED', 'EXECUTED', 'DENIED', 'EXPIRED')),
    CONSTRAINT ck_approval_request_min CHECK (min_approvals >= 1),
    CONSTRAINT ck_approval_request_ttl CHECK (ttl_millis > 0)
);

-- what the pending list looks up, oldest first
CREATE INDEX ix_approval_request_pending ON approval_request (state, requested_at);

-- One vote per person and request: the primary key makes "a double click counts once" a fact of
-- the database, also for concurrent clicks and across replicas.
CREATE TABLE approval_vote (
    request_id  VARCHAR(100) NOT NULL REFERENCES approval_request (id),
    approver_id VARCHAR(200) NOT NULL,
    approve     BOOLEAN      NOT NULL,
    voted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      TEXT,
    CONSTRAINT pk_approval_vote PRIMARY KEY (request_id, approver_id)
);

-- The hash chain. Rows are only ever inserted; seq has no gaps, and each row carries the hash of
-- the row before it.
CREATE TABLE audit_entry (
    seq           BIGINT       PRIMARY KEY,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    entry_type    VARCHAR(100) NOT NULL,
    body          TEXT         NOT NULL,
    previous_hash VARCHAR(100) NOT NULL,
    hash          VARCHAR(100) NOT NULL
);

-- The last link, kept apart from the chain so that deleting entries from its end is noticed. Its
-- one row is also the lock that serialises appends (SELECT ... FOR UPDATE), the very first one
-- included: seq 0 with the genesis hash means the chain is empty.
CREATE TABLE audit_head (
    id   INTEGER      PRIMARY KEY,
    seq  BIGINT       NOT NULL,
    hash VARCHAR(100) NOT NULL,
    CONSTRAINT ck_audit_head_single CHECK (id = 1),
    CONSTRAINT ck_audit_head_seq CHECK (seq >= 0)
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, 'sha256:0000000000000000000000000000000000000000000000000000000000000000');

-- The global freeze switch, one row that every replica reads.
CREATE TABLE global_freeze (
    id          INTEGER      PRIMARY KEY,
    active      BOOLEAN      NOT NULL,
    reason      TEXT,
    switched_by VARCHAR(200),
    since       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_global_freeze_single CHECK (id = 1),
    CONSTRAINT ck_global_freeze_on
        CHECK (active = FALSE OR (reason IS NOT NULL AND switched_by IS NOT NULL AND since IS NOT NULL))
);

INSERT INTO global_freeze (id, active) VALUES (1, FALSE);
