/**
 * Transfers between stores active on different sites, completed on the central server: when the initiating half of a
 * stock transfer, requisition or internal order reaches its trigger, the central makes the responding half, routes both
 * halves to both stores' sites, and never makes a second one.
 */
package org.supplysync.transfer;
