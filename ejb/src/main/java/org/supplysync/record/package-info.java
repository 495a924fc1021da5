/** Records as sites push them: ownership checks, the central copy of every record, and intake. */
package org.supplysync.record;
