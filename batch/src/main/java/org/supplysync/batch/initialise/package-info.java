/**
 * initialise-site: a new or re-initialised site gets everything it must hold, its own records included (sync-rules.md:
 * the one exception to "never a site's own record back to it"), and reads central data again from cursor 0.
 */
package org.supplysync.batch.initialise;
