/** One sync cycle as an Open mSupply remote site runs it: site info, initialise, push, pull, acknowledge, integrate. */
package org.supplysync.client.sync;
