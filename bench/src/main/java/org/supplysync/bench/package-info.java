/** The benchmark's entry point, its options and the report it prints. */
package org.supplysync.bench;
