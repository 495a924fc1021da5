package org.supplysync.web.site;

/** A new password for a site. */
public record PasswordChange(String password) {
}
