/**
 * Users who log in on remote sites: the accounts, their store access and permissions, kept by administrators and
 * learned from sites' pushes, and the login sites ask the central for ({@code POST /api/v4/login}).
 */
package org.supplysync.user;
