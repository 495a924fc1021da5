package org.supplysync.bench.measure;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.supplysync.client.api.SyncV5Api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every sync call the run's sites make, per method and endpoint: latencies, errors by status, bytes and gzipped
 * answers. A phase {@link #take takes} what was counted since the last take, so each phase reports its own calls.
 */
public final class Traffic implements SyncV5Api.Observer {

    private final AtomicReference<Map<String, Endpoint>> current = new AtomicReference<>(new ConcurrentHashMap<>());

    @Override
    public void observe(SyncV5Api.Exchange exchange) {
        current.get().computeIfAbsent(exchange.method() + " " + exchange.endpoint(), key -> new Endpoint())
                .add(exchange);
    }

    /** What was counted since the last take, by "METHOD /path", sorted; counting starts again from nothing. */
    public Map<String, Endpoint> take() {
        return new TreeMap<>(current.getAndSet(new ConcurrentHashMap<>()));
    }

    /** The calls of one endpoint. */
    public static final class Endpoint {
        // Microseconds, up to an hour, three significant digits.
        private final Histogram micros = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
        private final LongAdder wireBytes = new LongAdder();
        private final LongAdder gzipped = new LongAdder();
        private final Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();

        void add(SyncV5Api.Exchange exchange) {
            micros.recordValue(Math.min(micros.getHighestTrackableValue(), TimeUnit.NANOSECONDS.toMicros(exchange.nanos())));
            wireBytes.add(exchange.wireBytes());
            if (exchange.gzipped()) {
                gzipped.increment();
            }
            if (exchange.status() < 200 || exchange.status() > 299) {
                failures.computeIfAbsent(exchange.status(), status -> new LongAdder()).increment();
            }
        }

        public long calls() {
            return micros.getTotalCount();
        }

        public double millisAt(double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }

        public double maxMillis() {
            return micros.getMaxValue() / 1000.0;
        }

        public long wireBytes() {
            return wireBytes.sum();
        }

        public long gzipped() {
            return gzipped.sum();
        }

        public long errors() {
            return failures.values().stream().mapToLong(LongAdder::sum).sum();
        }

        /** Failed calls by HTTP status (0: no answer), e.g. "{500=2, 0=1}"; "none" when every call succeeded. */
        public String errorsByStatus() {
            if (failures.isEmpty()) {
                return "none";
            }
            Map<Integer, Long> counts = new TreeMap<>();
            failures.forEach((status, count) -> counts.put(status, count.sum()));
            return counts.toString();
        }
    }
}
