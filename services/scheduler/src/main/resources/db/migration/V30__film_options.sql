-- The caller's film options (issue 8): narration voice (NULL = the language's default), picture shape as
-- the API's short name ('16-9', '9-16', '1-1'; NULL = 16:9) and whether subtitles are burned in.
ALTER TABLE story ADD COLUMN voice TEXT;
ALTER TABLE story ADD COLUMN aspect_ratio TEXT;
ALTER TABLE story ADD COLUMN burn_in_subtitles BOOLEAN NOT NULL DEFAULT FALSE;
