-- The model profiles the running workers serve, from their heartbeats (one row per worker and profile), and
-- each story's pre-flight generation estimate.
CREATE TABLE worker_profile (
    worker_id   VARCHAR(128) NOT NULL,
    profile     VARCHAR(64)  NOT NULL,
    backend     VARCHAR(64)  NOT NULL,
    -- A starloom.mesh.v1.ModelProfile: format, frames, first frame, audio, typical time, price.
    spec        BYTEA        NOT NULL,
    last_seen   TIMESTAMPTZ  NOT NULL,
    -- Past this the worker counts as gone (three heartbeat intervals after last_seen).
    expires_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (worker_id, profile)
);
CREATE INDEX worker_profile_live ON worker_profile (profile, expires_at);

-- A starloom.v1.GenerationEstimate, set when generation starts.
ALTER TABLE story ADD COLUMN estimate BYTEA;
-- The audio track a model made with the shot's clip, when it made one.
ALTER TABLE shot ADD COLUMN audio_uri TEXT;
