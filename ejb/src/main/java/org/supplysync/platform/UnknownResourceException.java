package org.supplysync.platform;

/** The request names a site, store or record that does not exist: 404 in the path, 422 in the body. */
public class UnknownResourceException extends SupplySyncException {

    private static final long serialVersionUID = 1L;

    private final boolean inBody;

    private UnknownResourceException(String detail, boolean inBody) {
        super(detail);
        this.inBody = inBody;
    }

    /** The resource the URL names does not exist. */
    public static UnknownResourceException inPath(String detail) {
        return new UnknownResourceException(detail, false);
    }

    /** The request body refers to something that does not exist. */
    public static UnknownResourceException inBody(String detail) {
        return new UnknownResourceException(detail, true);
    }

    @Override
    public int status() {
        return inBody ? 422 : 404;
    }

    @Override
    public String title() {
        return inBody ? "Unknown reference" : "Not found";
    }
}
