-- Moderation's own tables, in its own schema with its own Flyway history (moderation.flyway_schema_history):
-- the lexicon entries operators add at run time, and the append-only log of every change.
CREATE TABLE lexicon_entry (
    id          BIGSERIAL PRIMARY KEY,
    list        VARCHAR(16)  NOT NULL,
    term        TEXT         NOT NULL,
    category    VARCHAR(64),
    severity    VARCHAR(32),
    author      TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (list, term)
);

CREATE TABLE lexicon_change (
    id          BIGSERIAL PRIMARY KEY,
    action      VARCHAR(16)  NOT NULL,
    list        VARCHAR(16)  NOT NULL,
    term        TEXT         NOT NULL,
    category    VARCHAR(64),
    severity    VARCHAR(32),
    actor       TEXT         NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL
);

-- The audit log is append-only: no role, not even the service's own, may change or remove a row.
CREATE FUNCTION lexicon_change_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'lexicon_change is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER lexicon_change_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON lexicon_change
    FOR EACH STATEMENT EXECUTE FUNCTION lexicon_change_is_append_only();
