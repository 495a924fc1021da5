/**
 * Alerts (off by default): a check every minute raises an event when a site turns red, a site's quarantine grows or a
 * job fails, once each, and sends it to a webhook and/or by e-mail.
 */
package org.supplysync.alert;
