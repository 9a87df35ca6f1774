-- Where each approval request's chat message is. Portable SQL: the same file runs on H2 (the
-- embedded default) and PostgreSQL.

-- One row per request that has a message. The primary key makes "one message per request" a fact
-- of the database: of several replicas remembering a message for the same request, exactly one
-- insert succeeds, and only that message is ever updated. ts is the chat service's message
-- timestamp, an identifier kept as text.
CREATE TABLE chat_approval_message (
    request_id VARCHAR(100) PRIMARY KEY,
    channel    VARCHAR(100) NOT NULL,
    ts         VARCHAR(100) NOT NULL,
    posted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
