/** The {@code doctor} command line: options, subcommands, exit codes. Thin: the work is in doctor-core. */
package dev.doctor.cli;
