/** Patients as administrators manage them: their home store. */
package org.supplysync.web.patient;
