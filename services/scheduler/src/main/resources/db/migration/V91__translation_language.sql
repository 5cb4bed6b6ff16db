-- The language of a story's second subtitle track, as submitted (short name, e.g. 'en'); NULL for none.
ALTER TABLE story ADD COLUMN translation_language TEXT;
