/** What the benchmark creates and pushes: the run's sites, stores and who receives whose records, and the records. */
package org.supplysync.bench.workload;
