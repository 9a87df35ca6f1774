-- Alert groups in chat: the thread of each episode of an alert group, and the links from inbox
-- events and runbook runs to it. Portable SQL: the same file runs on H2 (the embedded default) and
-- PostgreSQL.

-- One row per episode of an alert group (a group that resolved and fires again starts the next
-- episode). The id is a hash of the group (sender, receiver, group key) and the episode; it is the
-- value of the thread's buttons. A row is inserted, without a root message, by whoever claims the
-- thread: the primary key makes exactly one of concurrent claimers win. The winner posts the root
-- message and records it (root_channel, root_ts) with an update conditional on there being none. A
-- claim without a root message is taken over once it is older than the claimer's lease, or at once
-- after its claimer gave it up (claimed_at set to the epoch). The state is the group's alerts, runs
-- and what the root shows, as JSON text; it changes only through an update conditional on the
-- version read (optimistic), which increments it. status repeats the state's status for the list
-- of open groups.
CREATE TABLE chat_alert_thread (
    id           VARCHAR(64)  PRIMARY KEY,
    group_hash   VARCHAR(64)  NOT NULL,
    episode      INTEGER      NOT NULL,
    source       VARCHAR(32)  NOT NULL,
    receiver     TEXT         NOT NULL,
    group_key    TEXT         NOT NULL,
    channel      VARCHAR(200) NOT NULL,
    root_channel VARCHAR(200),
    root_ts      VARCHAR(64),
    status       VARCHAR(16)  NOT NULL,
    state        TEXT         NOT NULL,
    version      BIGINT       NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_chat_alert_thread_episode UNIQUE (group_hash, episode),
    CONSTRAINT ck_chat_alert_thread_episode CHECK (episode >= 1),
    CONSTRAINT ck_chat_alert_thread_status CHECK (status IN ('FIRING', 'RESOLVED')),
    CONSTRAINT ck_chat_alert_thread_root CHECK ((root_channel IS NULL) = (root_ts IS NULL))
);

-- the open groups: firing, oldest claim first
CREATE INDEX ix_chat_alert_thread_open ON chat_alert_thread (status, claimed_at);

-- Which thread an inbox event (a notification of its group) or a runbook run (started for one of
-- its alerts) belongs to. The first link of an event or run stays.
CREATE TABLE chat_alert_link (
    kind      VARCHAR(16)  NOT NULL,
    link_key  VARCHAR(200) NOT NULL,
    thread_id VARCHAR(64)  NOT NULL REFERENCES chat_alert_thread (id),
    CONSTRAINT pk_chat_alert_link PRIMARY KEY (kind, link_key),
    CONSTRAINT ck_chat_alert_link_kind CHECK (kind IN ('event', 'run'))
);
