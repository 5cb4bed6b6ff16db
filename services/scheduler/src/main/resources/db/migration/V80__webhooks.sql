-- Submission options (seed, target film length, the story's own webhook URL) and webhooks: endpoints per
-- tenant, their signing secrets, and the delivery outbox with its log of attempts.
ALTER TABLE story ADD COLUMN seed BIGINT;
ALTER TABLE story ADD COLUMN target_seconds INT;
ALTER TABLE story ADD COLUMN webhook_url VARCHAR(2048);

CREATE TABLE webhook_endpoint (
    id           UUID PRIMARY KEY,
    tenant       VARCHAR(128)  NOT NULL,
    url          VARCHAR(2048) NOT NULL,
    description  VARCHAR(200),
    -- Comma-separated event types such as "story.completed,story.failed"; empty for every event.
    event_types  VARCHAR(1000) NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_endpoint_tenant ON webhook_endpoint (tenant, created_at);

-- An endpoint's secrets, or (endpoint_id NULL) the tenant's secrets for stories' own webhook URLs. Every
-- secret not yet expired signs; rotation adds one and gives the others an expiry.
CREATE TABLE webhook_secret (
    id           UUID PRIMARY KEY,
    tenant       VARCHAR(128) NOT NULL,
    endpoint_id  UUID REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    secret       VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ
);
CREATE INDEX webhook_secret_owner ON webhook_secret (tenant, endpoint_id);

-- One event for one target: written in the transaction that changed the story (the trigger below), sent
-- by WebhookDispatcher. The body is fixed at the first attempt so that every retry carries the same one.
CREATE TABLE webhook_delivery (
    id               UUID PRIMARY KEY,
    tenant           VARCHAR(128)  NOT NULL,
    endpoint_id      UUID REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    story_id         UUID          NOT NULL,
    url              VARCHAR(2048) NOT NULL,
    event_type       VARCHAR(64)   NOT NULL,
    story_state      VARCHAR(32)   NOT NULL,
    body             TEXT,
    state            VARCHAR(16)   NOT NULL DEFAULT 'PENDING',
    attempts         INT           NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ   NOT NULL,
    next_attempt_at  TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_delivery_story ON webhook_delivery (story_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempt (
    id            UUID PRIMARY KEY,
    delivery_id   UUID         NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at  TIMESTAMPTZ  NOT NULL,
    status_code   INT          NOT NULL,
    error         VARCHAR(500),
    duration_ms   BIGINT       NOT NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempted_at);

-- Every state a story enters becomes deliveries in the same transaction, whichever code path (or replica)
-- moved it: the webhook outbox cannot miss a change or announce one that was rolled back.
CREATE FUNCTION webhook_story_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event TEXT := 'story.' || lower(NEW.state);
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NULL;
    END IF;
    INSERT INTO webhook_delivery (id, tenant, endpoint_id, story_id, url, event_type, story_state, created_at, next_attempt_at)
    SELECT gen_random_uuid(), NEW.tenant, e.id, NEW.id, e.url, event, NEW.state, clock_timestamp(), clock_timestamp()
    FROM webhook_endpoint e
    WHERE e.tenant = NEW.tenant AND (e.event_types = '' OR event = ANY (string_to_array(e.event_types, ',')));
    IF NEW.webhook_url IS NOT NULL THEN
        INSERT INTO webhook_delivery (id, tenant, endpoint_id, story_id, url, event_type, story_state, created_at, next_attempt_at)
        VALUES (gen_random_uuid(), NEW.tenant, NULL, NEW.id, NEW.webhook_url, event, NEW.state, clock_timestamp(), clock_timestamp());
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER story_webhook_event AFTER INSERT OR UPDATE OF state ON story
    FOR EACH ROW EXECUTE FUNCTION webhook_story_event();
