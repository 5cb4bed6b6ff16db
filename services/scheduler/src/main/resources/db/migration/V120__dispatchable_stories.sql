-- The fleet dispatcher's read of the waiting shots (fleet/FleetQueries.WAITING) starts from the stories of a
-- profile that may have shots in line, then reads each one's shots by the primary key: only those stories, not
-- every story ever submitted.
CREATE INDEX story_dispatchable ON story (profile) WHERE state IN ('QUEUED', 'GENERATING');
