package org.supplysync.push.control;

/** A site posted its last batch: its buffered records are ready to integrate once this transaction commits. */
public record IntegrationRequested(int siteId) {
}
