-- Intake you can trust: the registry carries the rules that were table-name special cases in code, pushes are
-- kept in numbered sessions that integrate only once complete, a record that cannot be integrated is quarantined,
-- a refused record keeps its payload for re-submission, and per-site volatile state leaves the site row.

-- The registry ---------------------------------------------------------------------------------------------------
ALTER TABLE data_type DROP CONSTRAINT ck_data_type_type;
ALTER TABLE data_type
    ADD CONSTRAINT ck_data_type_type
        CHECK (type IN ('CENTRAL', 'CENTRAL_STORE', 'STORE', 'PATIENT', 'SHARED', 'LOCAL', 'SYNC', 'MESSAGE')),
    -- the protocol merges these tables only (msupply-sync-v5.md §1.7)
    ADD COLUMN mergeable        BOOLEAN      NOT NULL DEFAULT FALSE AFTER transaction_data,
    -- "field=value": a record of this table is patient data when it says so (a name of type patient)
    ADD COLUMN patient_when     VARCHAR(100) NULL AFTER mergeable,
    -- on a record that IS a patient (or prescriber): the field naming its home store
    ADD COLUMN home_store_field VARCHAR(64)  NULL AFTER patient_when,
    -- a join that makes the name in patient_field visible in the store in store_field
    ADD COLUMN visibility_join  BOOLEAN      NOT NULL DEFAULT FALSE AFTER home_store_field,
    -- the store record itself: it goes to every site with a copy of the store, not only where it is active
    ADD COLUMN to_every_copy    BOOLEAN      NOT NULL DEFAULT FALSE AFTER visibility_join;

UPDATE data_type SET mergeable = TRUE WHERE table_name IN ('name', 'item', 'clinician');
UPDATE data_type SET patient_when = 'type=patient', home_store_field = 'supplying_store_id' WHERE table_name = 'name';
UPDATE data_type SET home_store_field = 'store_ID' WHERE table_name = 'clinician';
UPDATE data_type SET visibility_join = TRUE WHERE table_name = 'name_store_join';
UPDATE data_type SET to_every_copy = TRUE WHERE table_name = 'store';

INSERT INTO data_type (table_name, type, store_field, parent_table, parent_field, transfer_field, patient_field,
                       dispensary_only, transaction_data, seed_row, notes) VALUES
('barcode',     'SHARED',  NULL, NULL, NULL, NULL, NULL,            FALSE, FALSE, '(not in the seed: sync-rules.md)',
 'any site may add or edit one; it goes to every site but the one that made it, as central data does'),
('om_document', 'PATIENT', NULL, NULL, NULL, NULL, 'owner_name_ID', FALSE, FALSE, '(not in the seed: sync-rules.md)',
 'patient and program documents: routed by the visibility of the patient who owns them');

-- Push sessions ----------------------------------------------------------------------------------------------------
-- A site's pushed batches go into its open session; its last batch (queueLength 0) closes the session. Only closed
-- sessions integrate, so a push that overlaps a running integration waits in the next session instead of being
-- read half-way, and an integration deletes only the rows it integrated (by their `received` key).
CREATE TABLE push_session (
    site_id      INT    NOT NULL,
    open_session BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (site_id),
    CONSTRAINT fk_push_session_site FOREIGN KEY (site_id) REFERENCES site (id) ON DELETE CASCADE
) ENGINE = InnoDB;
INSERT INTO push_session (site_id, open_session) SELECT id, 2 FROM site;

-- Held by the one integration of a site at a time; nothing else locks it, so pushes and polls never wait for it.
CREATE TABLE integration_lock (
    site_id INT NOT NULL,
    PRIMARY KEY (site_id),
    CONSTRAINT fk_integration_lock_site FOREIGN KEY (site_id) REFERENCES site (id) ON DELETE CASCADE
) ENGINE = InnoDB;
INSERT INTO integration_lock (site_id) SELECT id FROM site;

CREATE TABLE push_buffer_v4 (
    received   BIGINT       NOT NULL AUTO_INCREMENT,
    site_id    INT          NOT NULL,
    session    BIGINT       NOT NULL,
    table_name VARCHAR(64)  NOT NULL,
    record_id  VARCHAR(128) NOT NULL,
    action     VARCHAR(16)  NOT NULL,
    data       LONGTEXT     NOT NULL,
    -- lines are integrated after every parent of the site's closed sessions
    is_line    BOOLEAN      NOT NULL,
    PRIMARY KEY (received),
    -- a retried batch overwrites its own rows in the open session; a newer version in a later session is a row of its own
    CONSTRAINT uk_push_buffer_record UNIQUE (site_id, session, table_name, record_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_push_buffer_next ON push_buffer_v4 (site_id, is_line, received);
-- Whatever an earlier version left buffered belongs to a closed session (1): it integrates first.
INSERT INTO push_buffer_v4 (site_id, session, table_name, record_id, action, data, is_line)
    SELECT site_id, 1, table_name, record_id, action, data, is_line FROM push_buffer ORDER BY received;
DROP TABLE push_buffer;
RENAME TABLE push_buffer_v4 TO push_buffer;

-- Quarantine -------------------------------------------------------------------------------------------------------
-- A record that could not be integrated for a reason that is not a rule (a defect, a resource limit): kept with its
-- error so that it never blocks the rest of its site, listed for administrators, retried on request. One row per
-- record of a site: a newer version that fails replaces it; one that integrates removes it.
CREATE TABLE quarantine (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    site_id    INT           NOT NULL,
    table_name VARCHAR(64)   NOT NULL,
    record_id  VARCHAR(128)  NOT NULL,
    action     VARCHAR(16)   NOT NULL,
    data       LONGTEXT      NOT NULL,
    error      VARCHAR(2000) NOT NULL,
    first_seen DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    last_seen  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    attempts   INT           NOT NULL DEFAULT 1,
    PRIMARY KEY (id),
    CONSTRAINT uk_quarantine_record UNIQUE (site_id, table_name, record_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Refused records keep what was pushed, so that an administrator who fixes the set-up can re-submit them through
-- the same checks.
ALTER TABLE refusal
    ADD COLUMN action       VARCHAR(16) NULL AFTER record_id,
    ADD COLUMN data         LONGTEXT    NULL AFTER action,
    ADD COLUMN resubmitted  DATETIME(3) NULL;

-- Audit of what administrators do to sites' records (dropping a quarantined record, re-submitting a refused one).
CREATE TABLE audit (
    id     BIGINT        NOT NULL AUTO_INCREMENT,
    at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    who    VARCHAR(100)  NOT NULL,
    action VARCHAR(64)   NOT NULL,
    target VARCHAR(300)  NOT NULL,
    detail VARCHAR(2000) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_audit_at ON audit (at);

-- Per-site volatile state ------------------------------------------------------------------------------------------
-- Every authenticated call notes its time and a central-records read moves the cursor; kept apart from the site row
-- so that they never wait on anything that locks the site.
CREATE TABLE site_activity (
    site_id        INT         NOT NULL,
    last_contact   DATETIME(3) NULL,
    central_cursor BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id),
    CONSTRAINT fk_site_activity_site FOREIGN KEY (site_id) REFERENCES site (id) ON DELETE CASCADE
) ENGINE = InnoDB;
INSERT INTO site_activity (site_id, last_contact, central_cursor) SELECT id, last_contact, central_cursor FROM site;
CREATE INDEX ix_refusal_site_record ON refusal (site_id, table_name, record_id);
ALTER TABLE site DROP COLUMN last_contact, DROP COLUMN central_cursor, DROP COLUMN refused_records;
-- Integration state is no longer written to the site row: a site is integrating while it has closed sessions.
UPDATE site SET sync_status = 'idle' WHERE sync_status = 'integration_in_progress';
