-- What administrators watch per site: how far behind the central change log it is, and what it is doing.
ALTER TABLE site
    ADD COLUMN central_cursor        BIGINT      NOT NULL DEFAULT 0 AFTER refused_records,
    ADD COLUMN sync_status           VARCHAR(40) NOT NULL DEFAULT 'idle' AFTER central_cursor,
    ADD COLUMN initialisation_status VARCHAR(20) NOT NULL DEFAULT 'new' AFTER sync_status,
    ADD CONSTRAINT ck_site_sync_status
        CHECK (sync_status IN ('idle', 'sync_is_running', 'integration_in_progress', 'initialisation_in_progress')),
    ADD CONSTRAINT ck_site_initialisation_status
        CHECK (initialisation_status IN ('new', 'started', 'completed', 'error'));
