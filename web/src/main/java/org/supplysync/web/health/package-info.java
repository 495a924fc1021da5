/** Readiness checks behind GET /health: the database and the JMS broker. */
package org.supplysync.web.health;
