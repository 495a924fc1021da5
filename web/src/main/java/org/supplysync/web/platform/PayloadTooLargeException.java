package org.supplysync.web.platform;

import org.supplysync.platform.SupplySyncException;

/** A batch over the configured maximum: 413, and nothing of it is taken. */
public class PayloadTooLargeException extends SupplySyncException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String title() {
        return "Payload too large";
    }
}
