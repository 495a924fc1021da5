/** The fault campaign: sites caught mid-work while the server or its database is killed, and what they lost. */
package org.supplysync.client.chaos;
