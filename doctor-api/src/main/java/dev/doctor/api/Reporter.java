package dev.doctor.api;

import java.io.IOException;
import java.io.Writer;
import org.pf4j.ExtensionPoint;

/**
 * An output format, selected by {@link #name()} ({@code --format NAME} for standard output,
 * {@code --report NAME=FILE} for a file; several may serve one run). Plugins may add their
 * own as PF4J extensions. Implementations must be stateless or thread-confined: the host may call
 * {@link #write} for several destinations in one run.
 */
public interface Reporter extends ExtensionPoint {

  /** The format name users type, kebab-case ({@code console}, {@code json}); API. */
  String name();

  /** One line for {@code --help} and {@code doctor list}. */
  String description();

  /**
   * Writes the whole report. The host owns {@code out} (it may be standard output or a temp file
   * that is renamed into place afterwards) and flushes and closes it.
   */
  void write(Report report, ReportOptions options, Writer out) throws IOException;
}
