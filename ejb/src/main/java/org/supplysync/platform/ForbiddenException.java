package org.supplysync.platform;

/** The caller is known but may not do this (a site acting on another site's store): 403. */
public class ForbiddenException extends SupplySyncException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
