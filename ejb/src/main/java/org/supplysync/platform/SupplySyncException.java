package org.supplysync.platform;

import jakarta.ejb.ApplicationException;

/**
 * A request the application refuses, with the HTTP status and title that describe why. Thrown from boundaries,
 * it rolls back their transaction, so a refused request changes nothing.
 */
@ApplicationException(rollback = true)
public abstract class SupplySyncException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected SupplySyncException(String detail) {
        super(detail);
    }

    public abstract int status();

    public abstract String title();
}
