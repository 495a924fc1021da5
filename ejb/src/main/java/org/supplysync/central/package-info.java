/** The central change log: central data for every site, read with a cursor that never skips a late commit. */
package org.supplysync.central;
