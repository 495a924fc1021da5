/** Starting batch jobs and reading their executions. */
package org.supplysync.batch.boundary;
