-- The central dashboard (issue 12): each site's recent sync sessions, a reporting projection of the central copy
-- kept up to date in the integration transaction, and the alerts the server has raised and sent.

-- A sync session is one conversation of a site with the sync API: its calls, with no more than a minute between one
-- call and the next. One row per session, changed by each call (one statement); the newest 200 per site are kept.
CREATE TABLE sync_session (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    site_id      INT         NOT NULL,
    started_at   DATETIME(3) NOT NULL,
    ended_at     DATETIME(3) NOT NULL,
    calls        INT         NOT NULL DEFAULT 0,
    pushed       BIGINT      NOT NULL DEFAULT 0,
    pulled       BIGINT      NOT NULL DEFAULT 0,
    acknowledged BIGINT      NOT NULL DEFAULT 0,
    refused      BIGINT      NOT NULL DEFAULT 0,
    -- the last v5 error code the session was answered with
    error        VARCHAR(64) NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_sync_session_site FOREIGN KEY (site_id) REFERENCES site (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_sync_session_site ON sync_session (site_id, id);

-- The reporting projection: what the reports across stores read, one row per record of the central copy that the
-- reports count, written with the central copy (ReportingProjection). Rows of every store the central holds records
-- of; the reports keep those of the stores whose data the central holds (active on it, or a collector copy).
-- Stock lines (item_line, msupply-sync-v5.md §3.8): stock on hand = available packs × pack size, value = available
-- packs × cost price per pack.
CREATE TABLE report_stock_line (
    line_id         VARCHAR(128) NOT NULL,
    store_id        VARCHAR(128) NOT NULL,
    item_id         VARCHAR(128) NOT NULL,
    location_id     VARCHAR(128) NOT NULL DEFAULT '',
    available_packs DOUBLE       NOT NULL,
    pack_size       DOUBLE       NOT NULL,
    cost_price      DOUBLE       NOT NULL,
    PRIMARY KEY (line_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- Both reports read an index only: stock on hand by item (or all items), value by store.
CREATE INDEX ix_report_stock_line_item ON report_stock_line (item_id, store_id, location_id, available_packs, pack_size);
CREATE INDEX ix_report_stock_line_store ON report_stock_line (store_id, available_packs, cost_price);

-- Finalised transactions that issue stock to customers (sign 1: a customer invoice or a prescription, legacy type
-- ci) or take it back (sign -1: a customer return, cc, or the reversal of a cancelled prescription), with the
-- calendar month of their finalised date. A transaction that does neither has no row.
CREATE TABLE report_issue (
    transact_id VARCHAR(128) NOT NULL,
    store_id    VARCHAR(128) NOT NULL,
    month       CHAR(7)      NOT NULL,
    sign        TINYINT      NOT NULL,
    PRIMARY KEY (transact_id),
    CONSTRAINT ck_report_issue_sign CHECK (sign IN (-1, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every invoice line that moves stock (trans_line of type stock_out or stock_in), in units (packs × pack size),
-- whatever its transaction: a transaction finalised after its lines arrived counts them from then on.
CREATE TABLE report_issue_line (
    line_id     VARCHAR(128) NOT NULL,
    transact_id VARCHAR(128) NOT NULL,
    item_id     VARCHAR(128) NOT NULL,
    units       DOUBLE       NOT NULL,
    PRIMARY KEY (line_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_report_issue_line_item ON report_issue_line (item_id, transact_id, units);

-- What the central holds already, projected by the same rules as ReportingProjection.
INSERT INTO report_stock_line (line_id, store_id, item_id, location_id, available_packs, pack_size, cost_price)
SELECT record_id,
       COALESCE(store_id, JSON_VALUE(data, '$.store_ID')),
       JSON_VALUE(data, '$.item_ID'),
       COALESCE(JSON_VALUE(data, '$.location_ID'), ''),
       COALESCE(CAST(JSON_VALUE(data, '$.available') AS DOUBLE), 0),
       COALESCE(CAST(JSON_VALUE(data, '$.pack_size') AS DOUBLE), 0),
       COALESCE(CAST(JSON_VALUE(data, '$.cost_price') AS DOUBLE), 0)
FROM sync_record
WHERE table_name = 'item_line' AND held AND NOT deleted
  AND COALESCE(JSON_VALUE(data, '$.item_ID'), '') <> ''
  AND COALESCE(store_id, JSON_VALUE(data, '$.store_ID'), '') <> '';

INSERT INTO report_issue (transact_id, store_id, month, sign)
SELECT record_id, store, month, sign FROM (
    SELECT record_id,
           COALESCE(store_id, JSON_VALUE(data, '$.store_ID')) AS store,
           CASE
               WHEN JSON_VALUE(data, '$.finalised_date') REGEXP '^[0-9]{4}-[0-9]{2}-[0-9]{2}'
                    AND JSON_VALUE(data, '$.finalised_date') NOT LIKE '0000%' THEN LEFT(JSON_VALUE(data, '$.finalised_date'), 7)
               WHEN JSON_VALUE(data, '$.confirm_date') REGEXP '^[0-9]{4}-[0-9]{2}-[0-9]{2}'
                    AND JSON_VALUE(data, '$.confirm_date') NOT LIKE '0000%' THEN LEFT(JSON_VALUE(data, '$.confirm_date'), 7)
               WHEN JSON_VALUE(data, '$.entry_date') REGEXP '^[0-9]{4}-[0-9]{2}-[0-9]{2}'
                    AND JSON_VALUE(data, '$.entry_date') NOT LIKE '0000%' THEN LEFT(JSON_VALUE(data, '$.entry_date'), 7)
           END AS month,
           CASE
               WHEN JSON_VALUE(data, '$.type') = 'cc' THEN -1
               WHEN JSON_VALUE(data, '$.is_cancellation') = 'true' THEN -1
               ELSE 1
           END AS sign
    FROM sync_record
    WHERE table_name = 'transact' AND held AND NOT deleted
      AND JSON_VALUE(data, '$.status') = 'fn' AND JSON_VALUE(data, '$.type') IN ('ci', 'cc')
) finalised
WHERE month IS NOT NULL AND COALESCE(store, '') <> '';

INSERT INTO report_issue_line (line_id, transact_id, item_id, units)
SELECT record_id,
       JSON_VALUE(data, '$.transaction_ID'),
       JSON_VALUE(data, '$.item_ID'),
       COALESCE(CAST(JSON_VALUE(data, '$.quantity') AS DOUBLE), 0)
           * COALESCE(CAST(JSON_VALUE(data, '$.pack_size') AS DOUBLE), 0)
FROM sync_record
WHERE table_name = 'trans_line' AND held AND NOT deleted
  AND JSON_VALUE(data, '$.type') IN ('stock_out', 'stock_in')
  AND COALESCE(JSON_VALUE(data, '$.item_ID'), '') <> ''
  AND COALESCE(JSON_VALUE(data, '$.transaction_ID'), '') <> '';

-- Alerts (off by default): each event raised once, identified by its kind, its site and a marker (site-red: the last
-- contact it went red after, in epoch milliseconds; quarantine-grew: the newest quarantined record's id; job-failed:
-- the failed execution's id), and sent once through each channel configured (webhook, mail), retried until it is or
-- it is out of attempts.
CREATE TABLE alert (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    event           VARCHAR(32)   NOT NULL,
    site_id         INT           NOT NULL,
    marker          BIGINT        NOT NULL,
    payload         TEXT          NOT NULL,
    raised_at       DATETIME(3)   NOT NULL,
    -- true until every channel configured took it, or it is out of attempts
    pending         BOOLEAN       NOT NULL DEFAULT TRUE,
    attempts        INT           NOT NULL DEFAULT 0,
    webhook_sent_at DATETIME(3)   NULL,
    mail_sent_at    DATETIME(3)   NULL,
    last_error      VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_alert_event UNIQUE (event, site_id, marker)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_alert_pending ON alert (pending, id);
