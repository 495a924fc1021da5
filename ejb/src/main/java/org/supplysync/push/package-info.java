/** Pushed batches: buffered per site, integrated after the site's last batch. */
package org.supplysync.push;
