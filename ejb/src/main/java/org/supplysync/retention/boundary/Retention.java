package org.supplysync.retention.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.supplysync.platform.AuditTrail;
import org.supplysync.retention.control.ExpiredRuns;
import org.supplysync.retention.control.RetentionSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The retention cleanup: every {@code supplysync.retention.interval} (an hour) it removes what has aged past its
 * period, each sweep in batches of {@code batch-rows} rows, a transaction each, until none is left; an administrator
 * may run it at once ({@code POST /api/retention/run}). One at a time (a singleton's write lock), on a timer that is
 * not persistent: a run missed while the server was down is simply the next one. Quarantined records are not here:
 * an administrator's drop removes one at once, and one that integrates leaves by itself, so the quarantine only ever
 * holds records still waiting, which are kept.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    @Resource
    TimerService timers;

    @Inject
    RetentionSettings settings;

    @Inject
    ExpiredRows rows;

    @Inject
    ExpiredJobs jobs;

    @Inject
    ExpiredTombstones tombstones;

    @Inject
    AuditTrail audit;

    @PostConstruct
    void start() {
        Duration every = settings.interval();
        LOG.info(() -> "retention: every " + every + ", sync sessions " + settings.syncSessions() + ", refusals "
                + settings.refusals() + ", audit " + settings.audit() + ", jobs " + settings.jobs() + ", tombstones "
                + settings.tombstones() + ", " + settings.batchRows() + " rows a transaction");
        // The first run waits an interval too: a server starting up has enough to do.
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig("retention", false));
    }

    @Timeout
    void scheduled() {
        try {
            run(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the retention cleanup failed; the next one tries again", e);
        }
    }

    /** Runs the cleanup now for an administrator; audited under their name. */
    public Map<String, Long> runNow(String who) {
        Map<String, Long> removed = run(Instant.now());
        audit.note(who, "retention.run", "retention", removed.toString());
        return removed;
    }

    /** Every sweep once; what each removed, by kind, in a fixed order. */
    Map<String, Long> run(Instant now) {
        long started = System.nanoTime();
        int limit = settings.batchRows();
        Map<String, Long> removed = new LinkedHashMap<>();
        removed.put("syncSessions", sweep(settings.syncSessions().expiredBefore(now), limit, rows::syncSessions));
        removed.put("refusals", sweep(settings.refusals().expiredBefore(now), limit, rows::refusals));
        removed.put("audit", sweep(settings.audit().expiredBefore(now), limit, rows::audit));
        removeJobs(settings.jobs().expiredBefore(now), limit, removed);
        removed.put("tombstones", removeTombstones(settings.tombstones().expiredBefore(now), limit));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        LOG.info(() -> "retention: removed " + removed + " in " + millis + " ms");
        return removed;
    }

    /** Batches of one kind until a batch comes back short; none when the kind is kept forever. */
    private static long sweep(Optional<Instant> before, int limit, BiFunction<Instant, Integer, Integer> batch) {
        if (before.isEmpty()) {
            return 0;
        }
        long total = 0;
        int removed;
        do {
            removed = batch.apply(before.get(), limit);
            total += removed;
        } while (removed >= limit);
        return total;
    }

    private void removeJobs(Optional<Instant> before, int limit, Map<String, Long> removed) {
        long runs = 0;
        long instances = 0;
        if (before.isPresent()) {
            for (ExpiredRuns.Run run : ExpiredRuns.expired(jobs.runs(), before.get())) {
                ExpiredJobs.Removed gone = jobs.removeRun(run);
                runs += gone.runs();
                instances += gone.instances();
            }
            instances += sweep(before, limit, jobs::removeUnclaimedInstances);
        }
        removed.put("jobRuns", runs);
        removed.put("batchJobInstances", instances);
    }

    private long removeTombstones(Optional<Instant> before, int limit) {
        if (before.isEmpty()) {
            return 0;
        }
        long floor = tombstones.floor();
        long total = 0;
        long after = 0;
        ExpiredTombstones.Batch batch;
        do {
            batch = tombstones.remove(after, floor, before.get(), limit);
            total += batch.removed();
            after = batch.last();
        } while (after < floor);
        return total;
    }
}
