-- The trace a command belongs to, written with it and sent with it by the relay (W3C traceparent,
-- 55 characters for version 00), so that one story is one trace across the outbox. Null with tracing off.
ALTER TABLE outbox ADD COLUMN traceparent VARCHAR(55);
