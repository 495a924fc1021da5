/** Stores, where each is active, and its copy (collector, transfer, none) on every other site. */
package org.supplysync.store;
