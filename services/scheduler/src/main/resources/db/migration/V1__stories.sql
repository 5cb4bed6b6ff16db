-- Stories, their shots and the transactional outbox. The scheduler is the only writer.
CREATE TABLE story (
    id               UUID PRIMARY KEY,
    tenant           VARCHAR(128)  NOT NULL,
    request_id       VARCHAR(128),
    state            VARCHAR(32)   NOT NULL,
    text             TEXT          NOT NULL,
    language         VARCHAR(32)   NOT NULL,
    style            VARCHAR(32)   NOT NULL,
    resolution       VARCHAR(32)   NOT NULL,
    profile          VARCHAR(64)   NOT NULL,
    title            VARCHAR(256),
    storyboard       BYTEA,
    findings         BYTEA,
    film             BYTEA,
    failure_reason   VARCHAR(64),
    failure_message  TEXT,
    assemble_millis  BIGINT,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    enriched_at      TIMESTAMPTZ,
    screened_at      TIMESTAMPTZ,
    generated_at     TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    version          BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX story_request_id ON story (tenant, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX story_tenant_created ON story (tenant, created_at DESC, id DESC);

CREATE TABLE shot (
    story_id       UUID         NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    shot_index     INT          NOT NULL,
    state          VARCHAR(32)  NOT NULL,
    attempt        INT          NOT NULL,
    narration      TEXT         NOT NULL,
    duration_ms    BIGINT       NOT NULL,
    clip_uri       TEXT,
    render_millis  BIGINT,
    worker_id      VARCHAR(128),
    updated_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (story_id, shot_index)
);

CREATE TABLE outbox (
    id            UUID PRIMARY KEY,
    destination   VARCHAR(128) NOT NULL,
    type          VARCHAR(128) NOT NULL,
    story_id      UUID         NOT NULL,
    payload       BYTEA        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE published_at IS NULL;
