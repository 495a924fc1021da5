-- Users who log in on remote sites (sync-rules.md, "Users"; issue 11). Users, their passwords and their store
-- permissions reach a site only through POST /api/v4/login; a site pushes the users it creates, and the central keeps
-- them and routes them nowhere.

-- The accounts the central checks logins against: made by an administrator (admin API) or by a site's push of a
-- `user` record. A pushed row never carries a password (passwords never sync): nobody logs in as such a user until an
-- administrator sets one.
CREATE TABLE user_account (
    -- the mSupply user ID (user.ID in the login answer): made here for an administrator's user, the site's own otherwise
    id                 VARCHAR(128) NOT NULL,
    -- the user name people log in with; Open mSupply compares user names case-insensitively, and so does the central
    name               VARCHAR(100) NOT NULL COLLATE utf8mb4_unicode_ci,
    -- slow hash (PBKDF2) of the password; NULL: no password set, so no login
    password_hash      VARCHAR(512) NULL,
    first_name         VARCHAR(255) NULL,
    last_name          VARCHAR(255) NULL,
    email              VARCHAR(255) NULL,
    job_title          VARCHAR(255) NULL,
    -- an inactive user is refused at login like an unknown one
    active             BOOLEAN      NOT NULL DEFAULT TRUE,
    -- who made the account: an administrator (created_by) or the site whose push made it (created_by_site_id)
    created_by         VARCHAR(100) NULL,
    created_by_site_id INT          NULL,
    -- the latest `user` row a site pushed for this user, as pushed, and which site and when
    pushed_row         LONGTEXT     NULL,
    pushed_by_site_id  INT          NULL,
    pushed_at          DATETIME(3)  NULL,
    logins             BIGINT       NOT NULL DEFAULT 0,
    last_login_at      DATETIME(3)  NULL,
    created_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version            BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_account_name UNIQUE (name),
    CONSTRAINT fk_user_account_created_by_site FOREIGN KEY (created_by_site_id) REFERENCES site (id),
    CONSTRAINT fk_user_account_pushed_by_site FOREIGN KEY (pushed_by_site_id) REFERENCES site (id),
    CONSTRAINT ck_user_account_creator CHECK ((created_by IS NULL) <> (created_by_site_id IS NULL)),
    CONSTRAINT ck_user_account_pushed_row CHECK (pushed_row IS NULL OR JSON_VALID(pushed_row))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The stores a user may use and what they may do in each: the login answer's userStores. Never synced.
CREATE TABLE user_store_access (
    -- the userStores[].ID of the login answer: kept while the user has the store, so that a site sees the same join
    -- at every login
    id                        CHAR(32)      NOT NULL,
    user_id                   VARCHAR(128)  NOT NULL,
    store_id                  VARCHAR(128)  NOT NULL,
    can_login                 BOOLEAN       NOT NULL DEFAULT TRUE,
    is_default                BOOLEAN       NOT NULL DEFAULT FALSE,
    can_action_replenishments BOOLEAN       NOT NULL DEFAULT FALSE,
    -- the mSupply permission numbers granted (Open mSupply's apis/permissions.rs), a JSON array: [84, 156]
    permissions               VARCHAR(4000) NOT NULL DEFAULT '[]',
    PRIMARY KEY (id),
    CONSTRAINT uk_user_store_access UNIQUE (user_id, store_id),
    CONSTRAINT fk_user_store_access_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE,
    CONSTRAINT fk_user_store_access_store FOREIGN KEY (store_id) REFERENCES store (id),
    CONSTRAINT ck_user_store_access_permissions CHECK (JSON_VALID(permissions))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_user_store_access_store ON user_store_access (store_id);

-- Failed logins per user name, known or not (an unknown name is limited alike, so the answers never tell which names
-- exist): after too many within the window the name is locked until locked_until, whatever password comes. In the
-- database, so that every server of a cluster and a restart see the same count.
CREATE TABLE user_login_failure (
    name          VARCHAR(100) NOT NULL COLLATE utf8mb4_unicode_ci,
    failures      INT          NOT NULL DEFAULT 0,
    -- the first failure the count holds; NULL while it holds none
    window_start  DATETIME(3)  NULL,
    locked_until  DATETIME(3)  NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The registry: a pushed `user` record is kept on the central and sent to no site, whichever site pushes it ------------
ALTER TABLE data_type DROP CONSTRAINT ck_data_type_type;
ALTER TABLE data_type
    ADD CONSTRAINT ck_data_type_type
        CHECK (type IN ('CENTRAL', 'CENTRAL_STORE', 'STORE', 'PATIENT', 'SHARED', 'TO_CENTRAL', 'LOCAL', 'SYNC', 'MESSAGE'));
UPDATE data_type SET type = 'TO_CENTRAL',
    notes = 'a site pushes the users it creates (the seed''s "New users"); the central keeps them and routes them nowhere:'
        ' users, passwords and store permissions reach a site only through /api/v4/login'
WHERE table_name = 'user';
-- Users the central change log held as central data go no further: sites get users from the login answer only.
DELETE FROM central_change WHERE table_name = 'user';
