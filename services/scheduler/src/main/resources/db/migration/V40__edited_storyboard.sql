-- A storyboard the caller edited from a preview (issue 9): a starloom.v1.Storyboard, sent to enrichment in
-- place of a plan of the text. Kept on the story so that a redelivered or restarted enrichment films the edit.
ALTER TABLE story ADD COLUMN edited_storyboard BYTEA;
