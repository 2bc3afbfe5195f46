/** Running selected checks in parallel under deadlines, and turning their results into a report. */
package dev.doctor.core.run;
