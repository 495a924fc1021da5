/** The server's admin API (admin-api.md) as administrators' scripts, the simulator, the benchmark and the tests call it. */
package org.supplysync.client.admin;
