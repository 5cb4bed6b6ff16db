-- The trace a story was submitted in (W3C traceparent), so that commands sent later on its behalf from
-- elsewhere, such as the fleet dispatcher's generation commands, stay in the story's trace. Null with tracing off.
ALTER TABLE story ADD COLUMN traceparent VARCHAR(55);
