/** The alert check and the log of alerts raised and sent. */
package org.supplysync.alert.boundary;
