/** Users: the admin API that keeps them ({@code /api/users}) and the login remote sites ask for ({@code /api/v4/login}). */
package org.supplysync.web.user;
