/** The data-type registry: every synced table and the seed's type that governs it. */
package org.supplysync.datatype;
