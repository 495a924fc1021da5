package org.supplysync.site.entity;

/** What runs at a site: a desktop server (or single-user desktop) or mSupply mobile. */
public enum SiteType {
    DESKTOP, MOBILE
}
