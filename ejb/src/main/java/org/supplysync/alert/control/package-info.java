/** How an alert is sent: the webhook's POST, the e-mail's composition, the settings that say where. */
package org.supplysync.alert.control;
