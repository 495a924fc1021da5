package org.supplysync.record.boundary;

import java.util.List;

/** What became of a batch of records: how many were taken, and each one refused. */
public record IntakeReport(int accepted, List<Refusal> refused) {
}
