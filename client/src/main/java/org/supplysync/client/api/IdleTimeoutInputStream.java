package org.supplysync.client.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that sends no byte for the read timeout (Open mSupply's 5-minute idle timeout; the JDK
 * client's request timeout only covers the wait for the headers).
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "supplysync-read-timeout");
        thread.setDaemon(true);
        return thread;
    });

    /** Thrown instead of the I/O error the forced close causes. */
    static final class IdleTimeoutException extends IOException {
        IdleTimeoutException() {
            super("read timeout");
        }
    }

    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastByte = System.nanoTime();
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        this.check = WATCHDOG.scheduleAtFixedRate(this::expireIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private void expireIfIdle() {
        if (System.nanoTime() - lastByte > timeoutNanos) {
            timedOut = true;
            check.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            lastByte = System.nanoTime();
            return b;
        } catch (IOException e) {
            throw timedOut ? new IdleTimeoutException() : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            lastByte = System.nanoTime();
            return n;
        } catch (IOException e) {
            throw timedOut ? new IdleTimeoutException() : e;
        }
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
