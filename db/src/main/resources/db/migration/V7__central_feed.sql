-- The central feed reads pages without growing with the log (issue 8).
-- A page scans the log from the site's cursor and decides visibility from this index alone (no row read for a change
-- the site does not get), and examines a bounded number of entries per page.
CREATE INDEX ix_central_change_feed ON central_change (cursor_id, origin_site_id, dispensary_only);
-- One entry per (origin, dispensary) group answers "the next change above the cursor the site can get" and "the
-- highest change the site can get" with one index dive per group (a loose index scan), whatever the log's size:
-- the page jumps over a long run of changes the site does not get (its own), and maxCursor needs no max() over the log.
CREATE INDEX ix_central_change_origin ON central_change (origin_site_id, dispensary_only, cursor_id);
