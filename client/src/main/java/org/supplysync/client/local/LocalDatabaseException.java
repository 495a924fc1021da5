package org.supplysync.client.local;

/** The site's database could not be read or written; the transaction in progress was rolled back. */
public class LocalDatabaseException extends RuntimeException {

    public LocalDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
