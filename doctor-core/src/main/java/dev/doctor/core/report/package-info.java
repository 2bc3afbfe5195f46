/** The built-in reporters (console, json, sarif, junit, markdown, prometheus), choosing one by name, and atomic report files. */
package dev.doctor.core.report;
