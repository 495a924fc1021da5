package org.supplysync.platform;

/** Small checks every boundary makes on what callers send. */
public final class Requests {

    private Requests() {
    }

    /** The value, or a 400 naming the missing field. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required");
        }
        return value;
    }
}
