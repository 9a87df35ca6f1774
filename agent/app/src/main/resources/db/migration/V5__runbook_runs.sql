-- Runbook runs and their steps, and the approval request's dry-run preview. Portable SQL: the same
-- file runs on H2 (the embedded default) and PostgreSQL.

-- One row per run of a runbook for an alert. The alert's labels and annotations and the rendered
-- parameters are JSON objects of strings, kept as text and never rendered again. The state changes
-- only through conditional updates (WHERE state = the expected one), so that exactly one of several
-- concurrent callers (the scheduler's advance, a person cancelling) wins a transition.
CREATE TABLE runbook_run (
    id              VARCHAR(100) PRIMARY KEY,
    runbook         VARCHAR(200) NOT NULL,
    cluster         VARCHAR(200),
    labels          TEXT         NOT NULL,
    annotations     TEXT         NOT NULL,
    params          TEXT         NOT NULL,
    started_by_type VARCHAR(16)  NOT NULL,
    started_by_id   VARCHAR(200) NOT NULL,
    source_event    VARCHAR(200),
    state           VARCHAR(32)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- a run scheduled for later does not start before this instant
    not_before      TIMESTAMP WITH TIME ZONE,
    note            TEXT,
    CONSTRAINT ck_runbook_run_state
        CHECK (state IN ('PROPOSED', 'RUNNING', 'AWAITING_APPROVAL', 'ROLLING_BACK', 'SUCCEEDED',
                         'FAILED', 'CANCELLED', 'ROLLED_BACK')),
    CONSTRAINT ck_runbook_run_started_by CHECK (started_by_type IN ('person', 'runbook', 'model'))
);

-- what the active list looks up (the runs not over, oldest first), and the latest runs
CREATE INDEX ix_runbook_run_active ON runbook_run (state, created_at);
CREATE INDEX ix_runbook_run_created ON runbook_run (created_at);

-- One row per step of a run: the main steps first, then the rollback steps (is_rollback), in the
-- order of the runbook. request_id is the id the step's approval request gets if it needs one,
-- chosen when the run is created; its unique constraint is also the index the gate's listener
-- finds the step by. The action is the canonical JSON of the action as submitted to the gate, so
-- that reading it back gives an action with the same hash. A step changes only through a
-- conditional update (WHERE state = the expected one), like its run.
CREATE TABLE runbook_step (
    run_id         VARCHAR(100) NOT NULL REFERENCES runbook_run (id),
    idx            INTEGER      NOT NULL,
    is_rollback    BOOLEAN      NOT NULL,
    step_id        VARCHAR(200) NOT NULL,
    kind           VARCHAR(100) NOT NULL,
    state          VARCHAR(32)  NOT NULL,
    request_id     VARCHAR(100) NOT NULL,
    action_json    TEXT,
    decision_level VARCHAR(32),
    rule_name      VARCHAR(200),
    started_at     TIMESTAMP WITH TIME ZONE,
    ended_at       TIMESTAMP WITH TIME ZONE,
    deadline       TIMESTAMP WITH TIME ZONE,
    outputs        TEXT         NOT NULL,
    summary        TEXT,
    error          TEXT,
    preview        TEXT,
    command        TEXT,
    CONSTRAINT pk_runbook_step PRIMARY KEY (run_id, idx),
    CONSTRAINT uq_runbook_step_request UNIQUE (request_id),
    CONSTRAINT ck_runbook_step_state
        CHECK (state IN ('PENDING', 'SUBMITTED', 'AWAITING_APPROVAL', 'WAITING', 'SUCCEEDED',
                         'FAILED', 'SUGGESTED', 'SKIPPED')),
    CONSTRAINT ck_runbook_step_idx CHECK (idx >= 0)
);

-- What a dry run found the action would change, shown to the people asked to approve it.
ALTER TABLE approval_request ADD COLUMN preview TEXT;

-- A request its requester no longer needs (the run was cancelled, its step ran out of time) is
-- withdrawn.
ALTER TABLE approval_request DROP CONSTRAINT ck_approval_request_state;
ALTER TABLE approval_request ADD CONSTRAINT ck_approval_request_state
    CHECK (state IN ('PENDING', 'APPROVED', 'EXECUTED', 'DENIED', 'EXPIRED', 'WITHDRAWN'));
