/** Who may call the central server: administrators and remote sites, with slow password hashes. */
package org.supplysync.security;
