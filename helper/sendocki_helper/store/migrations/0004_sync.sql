-- The exact body sent on an outbox row's first attempt under its Idempotency-Key (docs/security.md,
-- "Retries"). Every retry resends these bytes: rebuilt from the order and the Sendocki ids known at
-- that moment, a pull between two attempts could change the body under the same key.
-- NULL until the first attempt; cleared when the key is renewed (a new key is a new request).
ALTER TABLE outbox ADD COLUMN request_body TEXT;
