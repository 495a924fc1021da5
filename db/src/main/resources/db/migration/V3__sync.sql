-- Sync: what sites push (buffered until their last batch), what the central server refused, the central change log
-- every site reads with a cursor, and each site's outbound records between its JMS queue and its acknowledgement.

-- The central copy may know a record without holding its data: store data of a store whose central copy is only a
-- transfer copy is checked and routed, and its owner remembered for its lines, but not kept.
ALTER TABLE sync_record ADD COLUMN held BOOLEAN NOT NULL DEFAULT TRUE AFTER deleted;

-- Pushed records wait here until the site posts its last batch (queueLength 0). A retried batch overwrites its
-- own rows, so a retry adds nothing.
CREATE TABLE push_buffer (
    site_id     INT          NOT NULL,
    table_name  VARCHAR(64)  NOT NULL,
    record_id   VARCHAR(128) NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    data        LONGTEXT     NOT NULL,
    -- lines are integrated after every parent of the site's push
    is_line     BOOLEAN      NOT NULL,
    received    BIGINT       NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (site_id, table_name, record_id),
    CONSTRAINT uk_push_buffer_received UNIQUE (received)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_push_buffer_order ON push_buffer (site_id, is_line, received);

CREATE TABLE refusal (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    site_id    INT           NOT NULL,
    table_name VARCHAR(64)   NULL,
    record_id  VARCHAR(128)  NULL,
    reason     VARCHAR(1000) NOT NULL,
    refused_at DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_refusal_site ON refusal (site_id, id);

-- The central change log: one row per central record (its latest change). A writer leaves cursor_id NULL; the
-- sequencer stamps committed rows in commit order, and readers see stamped rows only, so a change that commits
-- late gets a cursor above everything already read and is never skipped.
CREATE TABLE central_change (
    table_name      VARCHAR(64)  NOT NULL,
    record_id       VARCHAR(128) NOT NULL,
    is_merge        BOOLEAN      NOT NULL DEFAULT FALSE,
    cursor_id       BIGINT       NULL,
    action          VARCHAR(16)  NOT NULL,
    data            LONGTEXT     NOT NULL,
    origin_site_id  INT          NOT NULL,
    dispensary_only BOOLEAN      NOT NULL DEFAULT FALSE,
    changed_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (table_name, record_id, is_merge),
    CONSTRAINT uk_central_change_cursor UNIQUE (cursor_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE central_sequence (
    id          INT    NOT NULL,
    last_cursor BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO central_sequence (id, last_cursor) VALUES (1, 0);

-- A site's outbound records taken from its JMS queue by a pull, until the site acknowledges them. A pull hands out
-- these first, oldest first; an acknowledgement deletes them. sync_out_id is the v5 syncOutId.
CREATE TABLE outbound_record (
    sync_out_id BIGINT       NOT NULL AUTO_INCREMENT,
    site_id     INT          NOT NULL,
    table_name  VARCHAR(64)  NOT NULL,
    record_id   VARCHAR(128) NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    data        LONGTEXT     NOT NULL,
    staged_at   DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (sync_out_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_outbound_site ON outbound_record (site_id, sync_out_id);

-- The exact length of each site's queue (JMS backlog and outbound records not yet acknowledged), changed in the
-- transaction that changes the queue. Kept apart from the site row: an integration locks its own site row and then
-- counts records into other sites' queues, and those two kinds of lock must not wait on each other.
CREATE TABLE site_queue (
    site_id      INT    NOT NULL,
    queue_length BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id),
    CONSTRAINT fk_site_queue_site FOREIGN KEY (site_id) REFERENCES site (id) ON DELETE CASCADE
) ENGINE = InnoDB;
INSERT INTO site_queue (site_id) SELECT id FROM site;
