-- A site left with no store after a move can be retired (issue 9): its queue is purged and its credentials removed,
-- so it can no longer authenticate, but its row stays, with its history (refusals, audit, job runs) pointing at it.
ALTER TABLE site ADD COLUMN retired_at DATETIME(3) NULL;
