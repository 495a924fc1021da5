package org.supplysync.push.boundary;

import org.supplysync.record.boundary.Refusal;

import java.util.List;

/** What became of a pushed batch: buffered, refused on sight, and whether integration started. */
public record PushReceipt(boolean integrationStarted, int buffered, List<Refusal> refused) {
}
