/** Admin API for stores and their sync-with settings. */
package org.supplysync.web.store;
