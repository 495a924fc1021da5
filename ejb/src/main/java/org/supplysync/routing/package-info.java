/** Where accepted changes go: the central change log, the sites' JMS queues, the central copy. */
package org.supplysync.routing;
