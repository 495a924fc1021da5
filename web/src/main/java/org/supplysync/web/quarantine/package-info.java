/** Records that could not be integrated, for administrators. */
package org.supplysync.web.quarantine;
