-- Named administrators with roles, back-off on wrong passwords, and an audit nobody edits (issue 13).

-- Administrators are people, so the audit's "who" names one. `admin` configures everything; `viewer` reads the
-- dashboard, the reports and the audit, and changes nothing. An administrator is never deleted (the audit names them):
-- deactivated instead, and then refused like an unknown one. Those of V1 stay admins.
ALTER TABLE administrator
    ADD COLUMN role       VARCHAR(10)  NOT NULL DEFAULT 'admin',
    ADD COLUMN active     BOOLEAN      NOT NULL DEFAULT TRUE,
    -- the administrator who made the account; NULL for the first one (made from the configuration at start-up)
    ADD COLUMN created_by VARCHAR(100) NULL,
    ADD CONSTRAINT ck_administrator_role CHECK (role IN ('admin', 'viewer'));

-- Wrong passwords of sites and administrators, per name (sites: per name and device, see `kind`): too many within the
-- window lock the name for a while, a lock longer each time the failures go on, whatever password comes meanwhile; a
-- success clears the row. In the database, so that every server of a cluster and a restart see the same count.
CREATE TABLE auth_failure (
    -- 'admin': an administrator's name, known or not (the answers never tell which names exist);
    -- 'site': a site name, called from any device but the one the site is bound to (or from any, while unbound);
    -- 'site-device': a site name, called from its bound device: failures from elsewhere never lock the real site out
    kind         VARCHAR(16)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    -- failures since window_start (the first failure the count holds; NULL while it holds none)
    failures     INT          NOT NULL DEFAULT 0,
    window_start DATETIME(3)  NULL,
    -- locks in a row (each one longer) and when the last one ends; forgotten a window after it ended
    locks        INT          NOT NULL DEFAULT 0,
    locked_until DATETIME(3)  NULL,
    PRIMARY KEY (kind, name),
    CONSTRAINT ck_auth_failure_kind CHECK (kind IN ('admin', 'site', 'site-device'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The audit is written once and never edited: the application has no statement that changes or deletes a row, and
-- the database refuses one from anybody (TRUNCATE and DROP, which need more than the application's rights to run
-- ordinarily, are left to whoever owns the database). Retention, when it comes, replaces audit_never_deleted with a
-- trigger that refuses only rows younger than the retention period.
CREATE TRIGGER audit_never_updated BEFORE UPDATE ON audit FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit is never edited';
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit is never edited';
