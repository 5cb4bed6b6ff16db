-- Webhook signing secrets are stored sealed (AES-256-GCM, webhooks/domain/SecretSeal): secret holds the base64
-- of IV, ciphertext and tag, key_id the id of the key that sealed it (starloom.webhooks.secret-key or a previous
-- one). The key is configuration, never in the database, so the rows written before this migration are sealed
-- by the scheduler itself at its next start (webhooks/application/SecretResealing): key_id NULL marks them
-- until then, and such a row never signs.
ALTER TABLE webhook_secret ALTER COLUMN secret TYPE TEXT;
ALTER TABLE webhook_secret ADD COLUMN key_id VARCHAR(16);
COMMENT ON COLUMN webhook_secret.secret IS 'sealed with the key key_id names; plain only while key_id IS NULL (before the first start after V81)';
