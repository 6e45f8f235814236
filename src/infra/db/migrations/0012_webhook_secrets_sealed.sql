-- Webhook signing secrets are kept encrypted (AES-256-GCM) under the master key, which is never
-- in the database (src/infra/crypto/master-key.ts). SQL cannot encrypt without the key: rows from
-- before this migration keep their plain `secret` until kpo starts with the key and seals them
-- (sealLegacyWebhookSecrets), after which `secret` is NULL and only `secret_sealed` is set.
ALTER TABLE webhooks ADD COLUMN secret_sealed text;
ALTER TABLE webhooks ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE webhooks ADD CONSTRAINT webhooks_one_secret CHECK ((secret IS NULL) <> (secret_sealed IS NULL));
