/** The rules of a resync that are not routing's: which rows a job examines, and which of them it sends. */
package org.supplysync.resync.control;
