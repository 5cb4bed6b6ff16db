-- The scheduler's own names instead of the wire's: states without their protobuf prefix (the
-- scheduler's StoryStatus and ShotStatus), language, style and resolution as the API's short names
-- ('zh', 'ink-wash', '720p'), NULL for "not chosen" (the _UNSPECIFIED values). The scheduler has always
-- stored an unspecified style as cinematic, so STYLE_UNSPECIFIED is not expected; it would become that.
UPDATE story SET state = substring(state FROM length('STORY_STATE_') + 1) WHERE state LIKE 'STORY\_STATE\_%';
UPDATE shot SET state = substring(state FROM length('SHOT_STATE_') + 1) WHERE state LIKE 'SHOT\_STATE\_%';

ALTER TABLE story ALTER COLUMN language DROP NOT NULL;
ALTER TABLE story ALTER COLUMN resolution DROP NOT NULL;
UPDATE story SET
    language = CASE WHEN language = 'LANGUAGE_UNSPECIFIED' THEN NULL
                    ELSE lower(replace(substring(language FROM length('LANGUAGE_') + 1), '_', '-')) END
    WHERE language LIKE 'LANGUAGE\_%';
UPDATE story SET
    style = CASE WHEN style = 'STYLE_UNSPECIFIED' THEN 'cinematic'
                 ELSE lower(replace(substring(style FROM length('STYLE_') + 1), '_', '-')) END
    WHERE style LIKE 'STYLE\_%';
UPDATE story SET
    resolution = CASE WHEN resolution = 'RESOLUTION_UNSPECIFIED' THEN NULL
                      ELSE lower(replace(substring(resolution FROM length('RESOLUTION_') + 1), '_', '-')) END
    WHERE resolution LIKE 'RESOLUTION\_%';

-- Nothing a story was accepted with, or a stage reported about it, may be too long to store: a story's
-- title comes from its text, failure reasons and worker ids from the stage services.
ALTER TABLE story ALTER COLUMN title TYPE TEXT;
ALTER TABLE story ALTER COLUMN failure_reason TYPE TEXT;
ALTER TABLE shot ALTER COLUMN worker_id TYPE TEXT;

-- A failure is a starloom.v1.Failure: its reason is stable only within the domain of the service that
-- decided. Failures stored so far kept no domain, and the scheduler reported every one of them.
ALTER TABLE story ADD COLUMN failure_domain TEXT;
ALTER TABLE story ADD COLUMN failure_metadata JSONB;
UPDATE story SET failure_domain = 'scheduler.starloom.dev' WHERE failure_reason IS NOT NULL;
