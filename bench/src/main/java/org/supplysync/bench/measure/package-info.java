/** What the benchmark measures besides its own clocks: every sync call per endpoint, and the server's heap. */
package org.supplysync.bench.measure;
