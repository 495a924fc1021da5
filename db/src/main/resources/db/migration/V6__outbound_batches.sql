-- A pull takes whole messages of a site's JMS queue into outbound_batch, one row a message, its records kept as the
-- message carries them: one line of v5 JSON (the envelope without syncOutId) a record. A record's syncOutId is its
-- batch id times 1024 plus its line. An acknowledgement sets the record's bit in `acked` (bit i of byte i / 8 for
-- line i); a batch whose every line is acknowledged is deleted. One row per message instead of one per record: a
-- pull and its acknowledgement write and delete a row for hundreds of records.
CREATE TABLE outbound_batch (
    batch_id     BIGINT         NOT NULL AUTO_INCREMENT,
    site_id      INT            NOT NULL,
    record_count INT            NOT NULL,
    acked        VARBINARY(128) NOT NULL DEFAULT '',
    records      LONGTEXT       NOT NULL,
    staged_at    DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (batch_id),
    CONSTRAINT ck_outbound_batch_size CHECK (record_count BETWEEN 1 AND 1024)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_outbound_batch_site ON outbound_batch (site_id, batch_id);

-- Records staged one by one before: a batch each, in their order (their queue length is counted already).
INSERT INTO outbound_batch (site_id, record_count, records, staged_at)
    SELECT site_id, 1, CONCAT('{"tableName":', JSON_QUOTE(table_name), ',"recordId":', JSON_QUOTE(record_id),
                              ',"action":', JSON_QUOTE(action), ',"recordData":', REPLACE(data, '\n', ' '), '}'),
           staged_at
    FROM outbound_record ORDER BY sync_out_id;
DROP TABLE outbound_record;
