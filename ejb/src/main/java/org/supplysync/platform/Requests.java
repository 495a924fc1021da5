package org.supplysync.platform;

import java.util.Optional;

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

    /** The value, present and no longer than its column; a 400 naming the field otherwise. */
    public static String required(String value, String field, int maxLength) {
        return fitting(required(value, field), field, maxLength);
    }

    /** The value (which may be null) if it fits its column of {@code maxLength} characters, else a 400. */
    public static String fitting(String value, String field, int maxLength) {
        tooLong(value, field, maxLength).ifPresent(problem -> {
            throw new InvalidRequestException(problem);
        });
        return value;
    }

    /**
     * Why the value does not fit a column of {@code maxLength} characters, if it does not. MariaDB counts characters
     * (code points), not Java's UTF-16 units.
     */
    public static Optional<String> tooLong(String value, String field, int maxLength) {
        if (value == null || value.length() <= maxLength) {
            return Optional.empty();
        }
        int length = value.codePointCount(0, value.length());
        return length <= maxLength ? Optional.empty()
                : Optional.of(field + " is " + length + " characters long; at most " + maxLength + " are allowed");
    }
}
