package dev.doctor.api;

/**
 * How the user asked for a report to look.
 *
 * @param verbose show evidence ({@code -v})
 * @param color whether ANSI colour may be used (already false for files, {@code NO_COLOR}, {@code --color never})
 */
public record ReportOptions(boolean verbose, boolean color) {}
