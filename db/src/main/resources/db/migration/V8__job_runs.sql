-- Resync jobs (issue 9). A run is one piece of work an administrator or a site asked for (initialise site 7, move
-- store B to site 3); its executions are the batch runtime's (a restart after a stop, a failure or a server kill is
-- a new execution of the same run). The run's position and progress are written in the transaction of each chunk,
-- together with the records that chunk queued: a restart goes on exactly after the last committed chunk, skipping
-- nothing and queueing nothing twice, whatever the batch runtime's own checkpoint says.
CREATE TABLE job_run (
    run_id          BIGINT       NOT NULL AUTO_INCREMENT,
    job_name        VARCHAR(64)  NOT NULL,
    parameters      TEXT         NOT NULL,
    -- The site whose queue the run fills (initialise: the site; resend: the store's active site; move: the target).
    site_id         INT          NOT NULL,
    -- move-store: the site the store leaves. At most one active run per site, counting both.
    other_site_id   INT          NULL,
    state           VARCHAR(20)  NOT NULL DEFAULT 'ACTIVE',
    execution_id    BIGINT       NULL,
    position_table  VARCHAR(64)  NOT NULL DEFAULT '',
    position_record VARCHAR(128) NOT NULL DEFAULT '',
    done            BIGINT       NOT NULL DEFAULT 0,
    total           BIGINT       NULL,
    queued          BIGINT       NOT NULL DEFAULT 0,
    started_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    ended_at        DATETIME(3)  NULL,
    PRIMARY KEY (run_id),
    CONSTRAINT ck_job_run_state CHECK (state IN ('ACTIVE', 'COMPLETED', 'STOPPED', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_job_run_site ON job_run (site_id, state);
CREATE INDEX ix_job_run_other_site ON job_run (other_site_id, state);
CREATE INDEX ix_job_run_execution ON job_run (execution_id);

-- What went wrong in a run, for GET /api/jobs/{executionId} ("failures"): written in a transaction of its own.
CREATE TABLE job_failure (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    run_id       BIGINT       NOT NULL,
    execution_id BIGINT       NULL,
    at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    message      VARCHAR(2000) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_job_failure_run FOREIGN KEY (run_id) REFERENCES job_run (run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_job_failure_run ON job_failure (run_id);
