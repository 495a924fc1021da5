/** The sync API remote sites call: mSupply sync v5, and the v6 answers Open mSupply sites expect. */
package org.supplysync.web.sync;
