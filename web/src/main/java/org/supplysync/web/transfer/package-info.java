/** Transfers completed on the central server, for administrators: the failed ones, and centralised procurement. */
package org.supplysync.web.transfer;
