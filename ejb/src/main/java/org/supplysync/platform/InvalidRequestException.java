package org.supplysync.platform;

/** The request is malformed or misses something it needs: 400. */
public class InvalidRequestException extends SupplySyncException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Invalid request";
    }
}
