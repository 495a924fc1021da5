package org.supplysync.routing.control;

import java.util.Set;

/**
 * Where one accepted change goes: into the central change log (read by every site with its cursor), into the
 * queues of these sites, and whether the central copy holds its data.
 */
public record Route(boolean centralChangeLog, boolean heldCentrally, Set<Integer> sites) {
}
