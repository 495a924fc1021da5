-- Retention (issue 13): a scheduled cleanup removes what has aged past its period, in small batches
-- (retention.boundary.Retention). These indexes let each batch find the oldest rows without scanning a table.

-- Sessions are found by when they started: a session's start is written once, its end at every call, and an index
-- on the end would be rewritten at every sync call of every site.
CREATE INDEX ix_sync_session_started ON sync_session (started_at);
CREATE INDEX ix_refusal_refused_at ON refusal (refused_at);
CREATE INDEX ix_job_run_ended ON job_run (state, ended_at);

-- A site's refusedRecords counts every record of the site ever refused (admin-api.md): the refusals the cleanup
-- removed are counted here, so the count never goes down.
CREATE TABLE refusal_expired (
    site_id  INT    NOT NULL,
    refusals BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id)
) ENGINE = InnoDB;

-- The audit stays never edited, except that the retention cleanup may remove rows older than the audit's period.
-- The cleanup says so by setting @supplysync_audit_expired_before on its own connection for the one statement (and
-- clearing it after); any other DELETE, with the variable unset or naming a later time, is refused. Whatever the
-- variable says, nothing of the last 30 days is removed: a mistaken setting or a stray session cannot erase recent
-- history. Updates stay refused (audit_never_updated, V15).
DROP TRIGGER audit_never_deleted;
DELIMITER //
CREATE TRIGGER audit_deleted_only_when_expired BEFORE DELETE ON audit FOR EACH ROW
BEGIN
    IF @supplysync_audit_expired_before IS NULL
        OR OLD.at >= @supplysync_audit_expired_before
        OR OLD.at >= UTC_TIMESTAMP(3) - INTERVAL 30 DAY THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit is never edited: only the retention cleanup removes rows past their period';
    END IF;
END//
DELIMITER ;
