/** The server as the benchmark talks to it: the admin API as an administrator, the sync v5 API as a remote site. */
package org.supplysync.bench.api;
