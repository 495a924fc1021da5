package org.supplysync.web.platform;

/** The callers the server knows: administrators and remote sites. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String SITE = "site";

    private Roles() {
    }
}
