package org.supplysync.routing.control;

import org.supplysync.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A patient's (or prescriber's) data as the central holds it: what a site that has just started to see the patient
 * gets, the patient first. Read with shared locks in the caller's transaction: an intake changing one of these rows
 * at the same moment either commits first (and its newest version is read here) or waits for this transaction, whose
 * new visibility its routing then sees; no change falls between the two.
 */
public final class PatientHistory {

    private PatientHistory() {
    }

    /** One record of the history, as held, with the site it came from. */
    public record Entry(String tableName, String recordId, int originSiteId, String data) {

        public OutboundRecord toOutbound() {
            return new OutboundRecord(tableName, recordId, "update", data);
        }
    }

    /** The records the central holds of the patient (its own record first), deleted ones left out. */
    public static List<Entry> of(Connection db, String patientId) {
        try (PreparedStatement select = db.prepareStatement("""
                select table_name, record_id, origin_site_id, data from sync_record
                where patient_id = ? and held and not deleted
                order by record_id = ? desc, table_name, record_id lock in share mode""")) {
            Sql.bind(select, 1, patientId, patientId);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(new Entry(row.getString(1), row.getString(2), row.getInt(3), row.getString(4)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw Sql.failure("reading the records of patient " + patientId, e);
        }
    }
}
