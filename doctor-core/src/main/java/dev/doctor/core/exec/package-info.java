/** Runs external commands for checks: the one package that owns operating-system processes. */
package dev.doctor.core.exec;
