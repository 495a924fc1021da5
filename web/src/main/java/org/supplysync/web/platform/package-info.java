/** HTTP plumbing: the JAX-RS application, problem details for every error, JSON settings. */
package org.supplysync.web.platform;
