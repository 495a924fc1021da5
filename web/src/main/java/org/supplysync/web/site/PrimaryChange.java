package org.supplysync.web.site;

/** Whether a remote site is the primary server (owner of central data) of a mirrored set-up. */
public record PrimaryChange(Boolean primary) {
}
