/** Authentication (Jakarta Security, HTTP Basic) and who may use which API. */
package org.supplysync.web.security;
