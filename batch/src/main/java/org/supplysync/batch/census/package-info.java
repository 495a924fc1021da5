/** The census job: how many records of each table the central copy holds. */
package org.supplysync.batch.census;
