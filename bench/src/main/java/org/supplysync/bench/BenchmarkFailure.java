package org.supplysync.bench;

/** Something the benchmark cannot go on from: the server answered unexpectedly, or the figures are wrong. */
public class BenchmarkFailure extends RuntimeException {

    public BenchmarkFailure(String message) {
        super(message);
    }

    public BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
