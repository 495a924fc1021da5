/** The audit trail of the admin API: what administrators and sites did to records and patient data. */
package org.supplysync.web.audit;
