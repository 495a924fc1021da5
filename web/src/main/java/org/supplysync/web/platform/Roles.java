package org.supplysync.web.platform;

/**
 * The callers the server knows: administrators in their role ({@code admin}, or {@code viewer}: reads only) and
 * remote sites. The administrators' roles are spelled as {@code org.supplysync.security.entity.Role} labels them.
 */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";
    public static final String SITE = "site";

    private Roles() {
    }
}
