package org.supplysync.central.boundary;

import java.util.List;

/** A page of central changes and the highest cursor the site can reach now. */
public record CentralPage(long maxCursor, List<CentralChange> changes) {
}
