-- Transfers completed on the central server (issue 10): the ledger of transfers it knows (one row per initiating
-- record, so a retried or re-pushed initiating half never makes a second responding half), the lines it made for
-- them, the received quantities of centralised purchase orders, and the setting that turns centralised procurement on.
-- V10, not V9: V8 and V9 are the resync jobs' (job runs, retired sites).

-- One row per initiating half the central has seen reach its trigger (or found answered by a site):
--   CREATED  the central made the responding half (responding_*), numbered once the responding site pushes it back
--   FOUND    a responding half already existed, made by a site (made_by_site); the central made nothing
--   LOCAL    both stores are active on one site: that site completes it, the central only stores both halves
--   FAILED   the central could not complete it (reason): listed for administrators, tried again when re-pushed
CREATE TABLE transfer (
    initiating_table VARCHAR(64)  NOT NULL,
    initiating_id    VARCHAR(128) NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    initiating_store VARCHAR(128) NOT NULL,
    initiating_site  INT          NOT NULL,
    responding_store VARCHAR(128) NULL,
    responding_table VARCHAR(64)  NULL,
    responding_id    VARCHAR(128) NULL,
    made_by_site     INT          NULL,
    reason           VARCHAR(500) NULL,
    numbered         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (initiating_table, initiating_id),
    CONSTRAINT ck_transfer_status CHECK (status IN ('CREATED', 'FOUND', 'LOCAL', 'FAILED')),
    CONSTRAINT ck_transfer_kind CHECK (kind IN ('STOCK', 'RETURN', 'REQUISITION', 'ORDER', 'SUPPLY'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_transfer_responding ON transfer (responding_table, responding_id);
CREATE INDEX ix_transfer_failed ON transfer (status, updated_at);

-- The responding line the central made for each initiating line: made once, never changed.
CREATE TABLE transfer_line (
    initiating_table VARCHAR(64)  NOT NULL,
    initiating_id    VARCHAR(128) NOT NULL,
    responding_table VARCHAR(64)  NOT NULL,
    responding_id    VARCHAR(128) NOT NULL,
    PRIMARY KEY (initiating_table, initiating_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Goods received against purchase order lines (units = packs received x pack size), for centralised procurement:
-- a purchase order line's received quantity is the sum over the goods received lines that name it.
CREATE TABLE transfer_receipt (
    goods_received_line_id VARCHAR(128)   NOT NULL,
    order_line_id          VARCHAR(128)   NOT NULL,
    units                  DECIMAL(20, 6) NOT NULL,
    PRIMARY KEY (goods_received_line_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_transfer_receipt_order_line ON transfer_receipt (order_line_id);

-- Settings an administrator changes at run time (admin API), one row each.
CREATE TABLE central_setting (
    name  VARCHAR(64)  NOT NULL,
    value VARCHAR(500) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO central_setting (name, value) VALUES ('centralised-procurement', 'false');

-- The lines of a record, found without reading every record of the store: the parent a line names, for the line
-- tables a transfer copies (the registry's parent_field of each; purchase order lines named below).
ALTER TABLE sync_record
    ADD COLUMN parent_id VARCHAR(128) AS (LEFT(CASE table_name
        WHEN 'trans_line' THEN JSON_VALUE(data, '$.transaction_ID')
        WHEN 'requisition_line' THEN JSON_VALUE(data, '$.requisition_ID')
        WHEN 'purchase_order_line' THEN JSON_VALUE(data, '$.purchase_order_ID')
        WHEN 'Goods_received_line' THEN JSON_VALUE(data, '$.goods_received_ID')
        END, 128)) VIRTUAL;
-- On the parent alone: an index led by table_name would compete with the primary key for the scans by table that
-- page through the central copy (and lock what they scan).
CREATE INDEX ix_sync_record_parent ON sync_record (parent_id);

-- A purchase order line follows its purchase order (a transfer's lines go where the transfer goes), and with
-- centralised procurement on, purchase orders and their lines are edited on the primary only.
UPDATE data_type SET store_field = NULL, parent_table = 'purchase_order', parent_field = 'purchase_order_ID'
WHERE table_name = 'purchase_order_line';
ALTER TABLE data_type ADD COLUMN procurement BOOLEAN NOT NULL DEFAULT FALSE AFTER to_every_copy;
UPDATE data_type SET procurement = TRUE WHERE table_name IN ('purchase_order', 'purchase_order_line');
