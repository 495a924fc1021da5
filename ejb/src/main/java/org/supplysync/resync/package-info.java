/**
 * Resyncs: what a site must hold of the central copy, read page by page through the same routing rules the intake
 * uses, so that a job can (re)build a site's queue: initialisation, a patient resend, a store moved to another site.
 */
package org.supplysync.resync;
