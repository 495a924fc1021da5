-- The push buffer holds a pushed batch as a few pieces, not a row per record: a piece is up to a thousand records
-- (about a megabyte of text) of one integration order, written, read and deleted once. A row per record cost the
-- database an indexed insert, a read, a delete and a purge per record, more than keeping the record itself.
--
-- integration_order: 0 records that can be patients themselves, 1 other parents, 2 lines. The closed sessions of a
-- site integrate in this order, then in the order received, so a line comes after its parent and a new patient
-- before the join that makes it visible.
-- records: one line per record, the envelope as a JSON array, a tab, then recordData as the site sent it.
-- digest: SHA-256 of records; the same piece pushed again into the same session (a retried batch) is kept once.
-- integrated: the leading records of the piece integrated already (an integration may stop inside a piece).
CREATE TABLE push_buffer_v17 (
    received          BIGINT     NOT NULL AUTO_INCREMENT,
    site_id           INT        NOT NULL,
    session           BIGINT     NOT NULL,
    integration_order TINYINT    NOT NULL,
    digest            BINARY(32) NOT NULL,
    record_count      INT        NOT NULL,
    integrated        INT        NOT NULL DEFAULT 0,
    records           LONGTEXT   NOT NULL,
    PRIMARY KEY (received),
    CONSTRAINT uk_push_buffer_piece UNIQUE (site_id, session, integration_order, digest)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_push_buffer_next ON push_buffer_v17 (site_id, integration_order, received);

-- What is buffered when the server is upgraded stays buffered: each record becomes a piece of its own, in its order.
INSERT INTO push_buffer_v17 (site_id, session, integration_order, digest, record_count, records)
SELECT b.site_id, b.session,
       CASE WHEN b.is_line THEN 2 WHEN t.home_store_field IS NOT NULL THEN 0 ELSE 1 END,
       UNHEX(SHA2(CONCAT('push_buffer row ', b.received), 256)), 1,
       CONCAT(JSON_ARRAY(b.table_name, b.record_id, b.action), CHAR(9),
              REPLACE(REPLACE(b.data, CHAR(10), ' '), CHAR(13), ' '))
FROM push_buffer b LEFT JOIN data_type t ON t.table_name = b.table_name
ORDER BY b.received;

DROP TABLE push_buffer;
RENAME TABLE push_buffer_v17 TO push_buffer;
