-- Fair dispatch from the database (fleet/ShotDispatcher): a shot waits here, QUEUED, until a worker of its
-- profile is free; tenants share each profile's workers by weight within a priority class.
ALTER TABLE story ADD COLUMN priority VARCHAR(16) NOT NULL DEFAULT 'standard';
-- When generation queued the shot (its place in line) and the earliest time a retry may be dispatched (backoff).
ALTER TABLE shot ADD COLUMN queued_at TIMESTAMPTZ;
ALTER TABLE shot ADD COLUMN not_before TIMESTAMPTZ;
-- A dispatched attempt holds the shot until then; the worker's ShotProgress renews it, the sweeper re-queues
-- the shot once it has run out.
ALTER TABLE shot ADD COLUMN lease_expires_at TIMESTAMPTZ;
-- Attempts already out when this runs keep going under a lease long enough for their worker to renew it.
UPDATE shot SET lease_expires_at = now() + INTERVAL '30 minutes' WHERE state IN ('DISPATCHED', 'RUNNING');
CREATE INDEX shot_waiting ON shot (queued_at) WHERE state = 'QUEUED' AND queued_at IS NOT NULL;
CREATE INDEX shot_leased ON shot (lease_expires_at) WHERE state IN ('DISPATCHED', 'RUNNING');

-- Start-time fair queuing per profile: each tenant's virtual GPU-seconds (charged cost / weight) and the
-- profile's virtual clock (the start tag of the last dispatched shot), so a tenant back from idle starts at
-- the clock instead of cashing in the time it was away.
CREATE TABLE fair_share (
    profile          VARCHAR(64)       NOT NULL,
    tenant           VARCHAR(128)      NOT NULL,
    virtual_seconds  DOUBLE PRECISION  NOT NULL,
    PRIMARY KEY (profile, tenant)
);
CREATE TABLE fair_clock (
    profile          VARCHAR(64)       PRIMARY KEY,
    virtual_seconds  DOUBLE PRECISION  NOT NULL
);
