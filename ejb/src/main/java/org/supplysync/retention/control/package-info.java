/** The retention settings and the rules of what may go: pure, over small values. */
package org.supplysync.retention.control;
