-- A command that the transaction which wrote it sends itself right after commit (the fleet dispatcher's fast
-- path, messaging/DirectSends). The relay leaves such a row alone until relay_after, so the two do not both
-- send it, and sends it then if the writer died between commit and send. Null: the relay's at once.
ALTER TABLE outbox ADD COLUMN relay_after TIMESTAMPTZ;
