-- Prescribers behave like patients (sync-rules.md "Data types"): a clinician_store_join places a prescriber in a
-- store the way a name_store_join places a patient, so it is kept in the same visibility index that routing reads.
UPDATE data_type SET visibility_join = TRUE WHERE table_name = 'clinician_store_join';
