/** Repairs: planning, diffing, applying and judging the fixes checks offer; safe edits and writes of the user's files. */
package dev.doctor.core.fix;
