-- One virtual clock per profile AND priority class (0 interactive, 1 standard, 2 batch, by the class a shot
-- counts as when picked): with one clock for all classes, an interactive preview's start tag moved the clock
-- past the standard tenants' virtual times and levelled them, so their weights stopped showing. Every class
-- starts from the clock the profile had.
ALTER TABLE fair_clock ADD COLUMN priority_class INTEGER NOT NULL DEFAULT 1;
ALTER TABLE fair_clock DROP CONSTRAINT fair_clock_pkey;
ALTER TABLE fair_clock ADD PRIMARY KEY (profile, priority_class);
ALTER TABLE fair_clock ALTER COLUMN priority_class DROP DEFAULT;
INSERT INTO fair_clock (profile, priority_class, virtual_seconds)
    SELECT c.profile, v.priority_class, c.virtual_seconds FROM fair_clock c CROSS JOIN (VALUES (0), (2)) AS v(priority_class);
