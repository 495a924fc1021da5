package org.supplysync.web.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.supplysync.platform.AuditTrail;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.web.security.AdminApi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/audit?since=&limit=} (admin-api.md, "Audit"): newest first, read-only. */
@AdminApi
@Path("api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    @Inject
    AuditTrail trail;

    @GET
    public List<AuditTrail.Entry> list(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        return trail.list(since(since), limit(limit));
    }

    /**
     * An ISO-8601 instant, with an offset or Z; a date and time without one, or a date alone (its midnight), is UTC,
     * as the entries' times are.
     */
    private static Optional<Instant> since(String since) {
        if (since == null || since.isBlank()) {
            return Optional.empty();
        }
        String text = since.trim();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException withTime) {
                try {
                    return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    throw new InvalidRequestException("since must be an ISO-8601 date and time, e.g."
                            + " 2025-01-31T12:00:00Z, got \"" + since + "\"");
                }
            }
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value > 0) {
                return Math.min(value, MAX_LIMIT);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit must be a positive whole number, got \"" + limit + "\"");
    }
}
