package org.supplysync.record.boundary;

import java.util.List;

/**
 * What became of a batch of records: how many were accepted, each one refused, and how many of the batch were
 * taken at all ({@code taken} is less than the batch when its messages would have gone over the broker's limit for
 * one transaction: the rest waits for the next transaction).
 * {@code centralChanges} is how many changes it wrote into the central change log, for its sequencer.
 */
public record IntakeReport(int accepted, List<Refusal> refused, int taken, int centralChanges) {
}
