package org.supplysync.client.chaos;

import org.supplysync.client.api.SyncV5Api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A site's own log of its calls, each with the moment it was sent and the moment it ended (answered or failed), on
 * the clock of {@link System#nanoTime()}: whether a call was in flight when the server was killed is read from here,
 * not from anything the server says.
 */
final class CallLog implements SyncV5Api.Observer {

    /** One call; {@code status} 0 when no answer came. */
    record Call(String method, String endpoint, long sentNanos, long endedNanos, int status) {

        boolean inFlightAt(long nanos) {
            return sentNanos < nanos && endedNanos > nanos;
        }
    }

    private record Sent(String method, String endpoint, long nanos) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void sending(String method, String endpoint) {
        sent.add(new Sent(method, endpoint, System.nanoTime()));
        notifyAll();
    }

    @Override
    public synchronized void observe(SyncV5Api.Exchange exchange) {
        long ended = System.nanoTime();
        calls.add(new Call(exchange.method(), exchange.endpoint(), ended - exchange.nanos(), ended, exchange.status()));
    }

    /** Waits until a call to the endpoint is sent after {@code afterNanos}; false when none was within the limit. */
    synchronized boolean awaitSent(String method, String endpoint, long afterNanos, Duration limit)
            throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (sent.stream().noneMatch(s -> s.method.equals(method) && s.endpoint.equals(endpoint) && s.nanos > afterNanos)) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The call to the endpoint that was in flight at the moment, if one was. */
    synchronized Optional<Call> inFlight(String method, String endpoint, long nanos) {
        return calls.stream().filter(c -> c.method.equals(method) && c.endpoint.equals(endpoint) && c.inFlightAt(nanos))
                .findFirst();
    }

    /** The last call to the endpoint that ended before the moment. */
    synchronized Optional<Call> lastEndedBefore(String method, String endpoint, long nanos) {
        return calls.stream().filter(c -> c.method.equals(method) && c.endpoint.equals(endpoint) && c.endedNanos < nanos)
                .reduce((first, second) -> second);
    }

    /** How many calls to the endpoint were sent between the two moments (answered or not). */
    synchronized long sentBetween(String method, String endpoint, long fromNanos, long toNanos) {
        return sent.stream().filter(s -> s.method.equals(method) && s.endpoint.equals(endpoint) && s.nanos > fromNanos
                && s.nanos < toNanos).count();
    }
}
