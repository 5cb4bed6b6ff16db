-- Frame screening: how often a shot was rendered again with a new seed because its frames were flagged.
ALTER TABLE shot ADD COLUMN regenerations INT NOT NULL DEFAULT 0;
