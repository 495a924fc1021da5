package org.supplysync.bench.phase;

import org.supplysync.bench.BenchmarkFailure;

import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/** Runs tasks 0..n-1 on a few threads and stops at the first failure: a broken run should end, not limp on. */
final class Parallel {

    private Parallel() {
    }

    static void forEach(int threads, int tasks, IntConsumer task) {
        if (tasks == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks));
        try {
            CompletionService<Void> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < tasks; i++) {
                int index = i;
                done.submit(() -> {
                    task.accept(index);
                    return null;
                });
            }
            for (int i = 0; i < tasks; i++) {
                done.take().get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new BenchmarkFailure(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
