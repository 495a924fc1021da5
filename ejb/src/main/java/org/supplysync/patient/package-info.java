/**
 * Finding and linking a patient of another site (issue 11, msupply-sync-v5.md §1.11): a site searches the patients
 * the central holds and makes one visible in a store of its own; every search and link is audited, searches are
 * rate-limited per site.
 */
package org.supplysync.patient;
