package org.supplysync.record.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.supplysync.platform.Audit;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.site.entity.Site;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Records an administrator edits on the central server ({@code POST /api/records}): the central acting as site 1,
 * through the same checks as a push, audited in the same transaction under the administrator's name with each record
 * it names (not its content, which the central copy keeps).
 */
@Stateless
public class CentralEdits {

    /** Records named one by one in the audit entry; a larger batch is summed up past them. */
    private static final int NAMED = 200;

    @Inject
    RecordIntake intake;

    @Inject
    Audit audit;

    public IntakeReport edit(List<IncomingRecord> records, String who) {
        IntakeReport report = intake.intakeAll(Site.CENTRAL, records);
        audit.record(who, "records.edit", "site " + Site.CENTRAL, report.accepted() + " of " + records.size()
                + " records accepted: " + named(records.stream().map(record -> record.tableName() + " "
                + record.recordId() + " (" + record.action() + ")").toList())
                + (report.refused().isEmpty() ? "" : "; refused: " + named(report.refused().stream()
                .map(refusal -> refusal.tableName() + " " + refusal.recordId() + " (" + refusal.reason() + ")").toList())));
        return report;
    }

    private static String named(List<String> records) {
        String named = records.stream().limit(NAMED).collect(Collectors.joining(", "));
        return records.size() <= NAMED ? named : named + " and " + (records.size() - NAMED) + " more";
    }
}
