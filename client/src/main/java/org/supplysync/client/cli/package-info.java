/** The {@code supplysync-site} command line: init, sync, status, put, get, simulate. */
package org.supplysync.client.cli;
