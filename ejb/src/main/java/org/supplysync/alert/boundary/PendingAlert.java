package org.supplysync.alert.boundary;

/** An alert not yet taken by every channel configured: its JSON, and which channels took it already. */
public record PendingAlert(long id, String payload, boolean webhookSent, boolean mailSent) {
}
