-- Finding a patient of another site (issue 11, GET /api/v4/patient): what a search looks at, one small row per
-- patient the central copy holds and per policy number, written with the central copy in the intake's transaction
-- (record.control.CentralCopies), so that a search never parses the JSON of every name. Compared as 4D compares
-- text: without regard to case or accents. The answer itself is read from the central copy.
CREATE TABLE patient_search (
    name_id       VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
    code          VARCHAR(255) NOT NULL DEFAULT '',
    first_name    VARCHAR(255) NOT NULL DEFAULT '',
    last_name     VARCHAR(255) NOT NULL DEFAULT '',
    -- YYYY-MM-DD, as the central copy keeps a date; NULL when the patient has none
    date_of_birth CHAR(10) COLLATE ascii_bin NULL,
    -- the name's own barcode field (the barcode table holds item barcodes)
    barcode       VARCHAR(255) NOT NULL DEFAULT '',
    PRIMARY KEY (name_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_patient_search_last ON patient_search (last_name, first_name);
CREATE INDEX ix_patient_search_first ON patient_search (first_name);
CREATE INDEX ix_patient_search_code ON patient_search (code);
CREATE INDEX ix_patient_search_dob ON patient_search (date_of_birth);
CREATE INDEX ix_patient_search_barcode ON patient_search (barcode);

-- The policy numbers (full, person, family) of each nameInsuranceJoin the central copy holds.
CREATE TABLE patient_policy (
    join_id       VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
    policy_number VARCHAR(255) NOT NULL,
    name_id       VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (join_id, policy_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_patient_policy_number ON patient_policy (policy_number);

-- The patients and policies the central holds already (the same reading of the fields as PatientIndex).
INSERT INTO patient_search (name_id, code, first_name, last_name, date_of_birth, barcode)
SELECT record_id,
       LEFT(COALESCE(JSON_VALUE(data, '$.code'), ''), 255),
       LEFT(COALESCE(JSON_VALUE(data, '$.first'), ''), 255),
       LEFT(COALESCE(JSON_VALUE(data, '$.last'), ''), 255),
       CASE WHEN LEFT(JSON_VALUE(data, '$.date_of_birth'), 10) REGEXP '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                 AND LEFT(JSON_VALUE(data, '$.date_of_birth'), 10) <> '0000-00-00'
            THEN LEFT(JSON_VALUE(data, '$.date_of_birth'), 10) END,
       LEFT(COALESCE(JSON_VALUE(data, '$.barcode'), ''), 255)
FROM sync_record
WHERE table_name = 'name' AND patient_id IS NOT NULL AND held AND NOT deleted;

INSERT IGNORE INTO patient_policy (join_id, policy_number, name_id)
SELECT record_id, LEFT(number, 255), name_id
FROM (SELECT record_id, JSON_VALUE(data, '$.nameID') AS name_id, JSON_VALUE(data, '$.policyNumberFull') AS number
      FROM sync_record WHERE table_name = 'nameInsuranceJoin' AND held AND NOT deleted
      UNION ALL
      SELECT record_id, JSON_VALUE(data, '$.nameID'), JSON_VALUE(data, '$.policyNumberPerson')
      FROM sync_record WHERE table_name = 'nameInsuranceJoin' AND held AND NOT deleted
      UNION ALL
      SELECT record_id, JSON_VALUE(data, '$.nameID'), JSON_VALUE(data, '$.policyNumberFamily')
      FROM sync_record WHERE table_name = 'nameInsuranceJoin' AND held AND NOT deleted) policies
WHERE number IS NOT NULL AND number <> '' AND name_id IS NOT NULL AND name_id <> '';

-- Sites search and link patients too (issue 11): a search's audit names every patient it returned, and the searches
-- of a site in the last minute are counted from the audit (the rate limit), by who did them.
ALTER TABLE audit MODIFY detail TEXT NULL;
CREATE INDEX ix_audit_who ON audit (who, action, at);
