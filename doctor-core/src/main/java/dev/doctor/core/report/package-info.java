/** The built-in reporters (console, json) and choosing a reporter by name. */
package dev.doctor.core.report;
