-- The large texts the server writes once and reads back whole are written compressed, in MariaDB's COMPRESS()
-- format (UNCOMPRESS(column) reads them in SQL): a pushed batch's pieces in the push buffer, and a pulled message's
-- records staged for its site. The database paid per byte at every step (the statement, the row, its undo and
-- redo, the purge after the delete); JSON shrinks several times at zlib's fastest level. What an older version
-- wrote stays as text in `records` and is read as such.
ALTER TABLE push_buffer
    MODIFY records LONGTEXT NULL,
    ADD COLUMN records_compressed LONGBLOB NULL AFTER records,
    ADD CONSTRAINT ck_push_buffer_records CHECK (records IS NOT NULL OR records_compressed IS NOT NULL);

ALTER TABLE outbound_batch
    MODIFY records LONGTEXT NULL,
    ADD COLUMN records_compressed LONGBLOB NULL AFTER records,
    ADD CONSTRAINT ck_outbound_batch_records CHECK (records IS NOT NULL OR records_compressed IS NOT NULL);
