/** The timed steps of a run, in the order they run: setup, push, pull and acknowledge, raw inserts. */
package org.supplysync.bench.phase;
