package org.supplysync.retention.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which resync job runs may be forgotten (their row, their failures and their executions in the batch runtime).
 * <ul>
 * <li>A run still active: never.</li>
 * <li>A completed run: once it ended before the cutoff; a completed execution cannot be restarted.</li>
 * <li>A stopped or failed run: only once it ended before the cutoff <em>and</em> a later run of the same job with the
 * same parameters for the same site supersedes it. Until then it is the run a site's next request resumes and an
 * administrator may restart, however old; once superseded, the later run has done (or is doing) its work again.</li>
 * </ul>
 */
public final class ExpiredRuns {

    private ExpiredRuns() {
    }

    /** What the rule reads of a run; {@code endedAt} null while it runs. */
    public record Run(long runId, String jobName, int siteId, String parameters, String state, Instant endedAt) {

        boolean sameWorkAs(Run other) {
            return jobName.equals(other.jobName) && siteId == other.siteId && Objects.equals(parameters, other.parameters);
        }
    }

    /** The runs of {@code runs} (any order) that may be forgotten at {@code expiredBefore}, oldest first. */
    public static List<Run> expired(List<Run> runs, Instant expiredBefore) {
        List<Run> byAge = runs.stream().sorted((a, b) -> Long.compare(a.runId(), b.runId())).toList();
        Set<Long> superseded = new HashSet<>();
        for (int i = 0; i < byAge.size(); i++) {
            for (int later = i + 1; later < byAge.size(); later++) {
                if (byAge.get(later).sameWorkAs(byAge.get(i))) {
                    superseded.add(byAge.get(i).runId());
                    break;
                }
            }
        }
        List<Run> expired = new ArrayList<>();
        for (Run run : byAge) {
            boolean ended = run.endedAt() != null && run.endedAt().isBefore(expiredBefore);
            boolean done = switch (run.state()) {
                case "COMPLETED" -> true;
                case "FAILED", "STOPPED" -> superseded.contains(run.runId());
                default -> false;
            };
            if (ended && done) {
                expired.add(run);
            }
        }
        return expired;
    }
}
