/** Records edited on the central server, and the central copy of records. */
package org.supplysync.web.record;
