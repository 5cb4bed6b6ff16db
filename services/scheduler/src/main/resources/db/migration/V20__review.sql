-- Human review (issue 7): review cases for stories IN_REVIEW, the per-story switch that makes review
-- mandatory before a film is published, and an append-only audit log of every decision.
ALTER TABLE story ADD COLUMN require_review BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE review_case (
    id               UUID PRIMARY KEY,
    story_id         UUID         NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    tenant           VARCHAR(128) NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    -- The stage the story was paused in; approving continues after it.
    stage            VARCHAR(32)  NOT NULL,
    cause            TEXT         NOT NULL,
    -- A starloom.v1.Review carrying only its findings (text spans or frame thumbnails as evidence).
    findings         BYTEA,
    created_at       TIMESTAMPTZ  NOT NULL,
    decided_at       TIMESTAMPTZ,
    reviewer         TEXT,
    decision_reason  TEXT,
    version          BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX review_case_queue ON review_case (tenant, created_at, id);
-- A story waits on at most one open case.
CREATE UNIQUE INDEX review_case_one_pending ON review_case (story_id) WHERE state = 'PENDING';

CREATE TABLE review_audit (
    id          BIGSERIAL    PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL,
    tenant      VARCHAR(128) NOT NULL,
    actor       TEXT         NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    review_id   UUID         NOT NULL,
    story_id    UUID         NOT NULL,
    detail      TEXT
);

-- Append-only: no role, not even the scheduler's own, may change or remove an audit row.
CREATE FUNCTION review_audit_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'review_audit is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER review_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON review_audit
    FOR EACH STATEMENT EXECUTE FUNCTION review_audit_is_append_only();
