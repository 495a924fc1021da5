package org.supplysync.site.boundary;

/** What an administrator gives to create a remote site; {@code type} is "desktop" or "mobile". */
public record SiteRegistration(Integer id, String name, String type, String password, Boolean primary) {
}
