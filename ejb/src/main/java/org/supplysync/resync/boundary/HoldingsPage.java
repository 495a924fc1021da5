package org.supplysync.resync.boundary;

import org.supplysync.routing.control.OutboundRecord;

import java.util.List;

/**
 * One page of a scan of the central copy: the records the site must hold, the position after the page, how many
 * records were examined and whether the scan reached the end.
 */
public record HoldingsPage(List<OutboundRecord> records, Position last, int examined, boolean end) {
}
