package org.supplysync.client.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a campaign found, counted from the sites' own logs: records of pushes answered 200 that are missing where the
 * sync rules route them (lost), records a site acknowledged that its queue handed out again (re-sent), records handed
 * out again before their acknowledgement (duplicates: allowed, counted), records held by a site the rules do not
 * send them to (leaked); and the time each recovery took. {@code failures} fail the campaign; {@code notes} say what
 * else went wrong and how the campaign got past it (an initialisation that was not resumed).
 */
public record CampaignFigures(String campaign, String startedAt, double seconds, String server, String machine,
                              int runs, int faultsInjected, long recordsPushedAnswered200, long recordsLost,
                              long acknowledgedRecordsResent, long duplicatesDelivered, long recordsDelivered,
                              long recordsLeaked, int jobsNotResumedByThemselves, double maxSecondsToHealthy,
                              double maxSecondsToFirstSuccessfulSync, double maxSecondsToConverged,
                              List<KillFigures> kills, List<String> lostExamples, List<String> resentExamples,
                              List<String> leakedExamples, List<String> failures, List<String> notes) {

    @JsonProperty("passed")
    public boolean passed() {
        return failures.isEmpty();
    }

    public String summary() {
        long proven = kills.stream().filter(KillFigures::everyPointProven).count();
        return String.format(Locale.ROOT, "chaos %s: %d runs, %d faults injected (%d with all %d points proven), "
                        + "%d records pushed (200), %d lost, %d acknowledged re-sent, %d duplicates delivered, %d leaked; "
                        + "%d initialisation(s) not resumed by themselves; "
                        + "recovery at most %.0f s to healthy, %.0f s to a successful sync, %.0f s to converged",
                passed() ? "PASSED" : "FAILED", runs, faultsInjected, proven, FaultPoint.values().length,
                recordsPushedAnswered200, recordsLost, acknowledgedRecordsResent, duplicatesDelivered, recordsLeaked,
                jobsNotResumedByThemselves, maxSecondsToHealthy, maxSecondsToFirstSuccessfulSync, maxSecondsToConverged);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
