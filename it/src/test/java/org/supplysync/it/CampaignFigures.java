package org.supplysync.it;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an abuse campaign counts: cases tried per category, and every answer or stored record that breaks a promise.
 * Written to {@code it/target/campaigns/abuse.json} so that a run's figures can be read and published.
 */
final class CampaignFigures {

    /** Violations listed in full in the figures (the counts go on). */
    private static final int EXAMPLES = 25;

    final long seed;
    final int tries;
    private final Instant started = Instant.now();
    private final Map<String, Integer> tried = new LinkedHashMap<>();
    private final Map<String, Integer> violations = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();
    private boolean healthyAfter;
    private int refusedByListener;
    private final Map<String, Long> measured = new LinkedHashMap<>();

    CampaignFigures(long seed, int tries) {
        this.seed = seed;
        this.tries = tries;
        for (String kind : List.of(Violation.UNOWNED_ACCEPTED, Violation.LEAKED, Violation.SERVER_ERROR,
                Violation.INTERNALS, Violation.WRONG_SHAPE, Violation.ALTERED, Violation.NO_ANSWER)) {
            violations.put(kind, 0);
        }
    }

    void tried(String category) {
        tried.merge(category, 1, Integer::sum);
    }

    void violation(String kind, String what) {
        violations.merge(kind, 1, Integer::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(kind + ": " + (what.length() > 400 ? what.substring(0, 400) + "..." : what));
        }
    }

    /** Requests the HTTP listener refused before the application saw them: counted, not a violation. */
    void refusedByListener() {
        refusedByListener++;
    }

    /** A figure to publish that is no pass or fail: how long something took, say. */
    void measured(String name, long value) {
        measured.put(name, value);
    }

    void healthyAfter(boolean healthy) {
        this.healthyAfter = healthy;
    }

    int count(String kind) {
        return violations.get(kind);
    }

    int casesTried() {
        return tried.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean clean() {
        return healthyAfter && violations.values().stream().allMatch(count -> count == 0);
    }

    List<String> examples() {
        return examples;
    }

    String summary() {
        return String.format("abuse campaign (seed %d, tries %d): %d cases in %d s; unowned accepted %d, leaked %d,"
                        + " 5xx %d, stack traces or class names %d, wrong error shape %d, altered %d, no answer %d;"
                        + " healthy afterwards: %s",
                seed, tries, casesTried(), Duration.between(started, Instant.now()).toSeconds(),
                count(Violation.UNOWNED_ACCEPTED), count(Violation.LEAKED), count(Violation.SERVER_ERROR),
                count(Violation.INTERNALS), count(Violation.WRONG_SHAPE), count(Violation.ALTERED),
                count(Violation.NO_ANSWER), healthyAfter);
    }

    void write(Path file) throws IOException {
        ObjectNode figures = RemoteSite.JSON.createObjectNode()
                .put("campaign", "abuse")
                .put("startedAt", started.toString())
                .put("seconds", Duration.between(started, Instant.now()).toSeconds())
                .put("seed", seed)
                .put("triesPerCategory", tries)
                .put("casesTried", casesTried());
        figures.set("casesPerCategory", RemoteSite.JSON.valueToTree(tried));
        violations.forEach(figures::put);
        figures.put("refusedByTheHttpListener", refusedByListener);
        figures.put("healthyAfterwards", healthyAfter);
        figures.set("measured", RemoteSite.JSON.valueToTree(measured));
        figures.set("examples", RemoteSite.JSON.valueToTree(examples));
        Files.createDirectories(file.getParent());
        Files.writeString(file, RemoteSite.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(figures));
    }

    /** The promises a campaign checks, each counted under its own name in the figures. */
    static final class Violation {
        /** A record the pushing site does not own, stored, changed, deleted or merged on the central. */
        static final String UNOWNED_ACCEPTED = "unownedAccepted";
        /** Another site's store data received by the attacker. */
        static final String LEAKED = "leaked";
        static final String SERVER_ERROR = "serverErrors";
        static final String INTERNALS = "stackTracesOrClassNames";
        /** An error answer not in its API's shape (v5 error body on /sync, problem+json on /api). */
        static final String WRONG_SHAPE = "wrongErrorShape";
        /** An accepted value stored otherwise than it was sent (SQL or script text acted on or mangled). */
        static final String ALTERED = "alteredValues";
        /** A connection closed or timed out without an HTTP answer. */
        static final String NO_ANSWER = "noAnswer";

        private Violation() {
        }
    }
}
