package org.supplysync.client.chaos;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A place in a site's sync where its thread stops until the campaign lets it go: how a site is held at one point of
 * its sync while the others reach theirs, so that one kill finds every point at once.
 */
final class Gate {

    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    /** Called by the site's thread: says it is here and waits to be let through. */
    void pass() {
        reached.countDown();
        try {
            opened.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean awaitReached(Duration limit) throws InterruptedException {
        return reached.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isReached() {
        return reached.getCount() == 0;
    }

    void open() {
        opened.countDown();
    }
}
