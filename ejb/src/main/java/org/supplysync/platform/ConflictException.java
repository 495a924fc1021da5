package org.supplysync.platform;

/** The request contradicts what is configured already (a duplicate, a rule of the sync set-up): 409. */
public class ConflictException extends SupplySyncException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
