/** Shared plumbing: schema migrations at deploy, the errors boundaries report, configuration keys. */
package org.supplysync.platform;
