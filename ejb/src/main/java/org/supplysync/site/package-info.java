/** Sync sites: the central server (site 1) and the remote sites that sync with it. */
package org.supplysync.site;
