package dev.doctor.core.config;

import java.nio.file.Path;

/**
 * A JSON5 document that could not be read, with where. The message is one line and never quotes
 * the document: config files hold secrets, so only the kind of error and its position are kept,
 * and the parser's own exception (which quotes the offending token) is deliberately not chained.
 */
public final class ConfigParseException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final transient Path file;
  private final int line;
  private final int column;
  private final boolean unsupportedByDoctor;

  ConfigParseException(String reason, Path file, int line, int column, boolean unsupportedByDoctor) {
    super("line " + line + ", column " + column + ": " + reason, null, false, true);
    this.reason = reason;
    this.file = file;
    this.line = line;
    this.column = column;
    this.unsupportedByDoctor = unsupportedByDoctor;
  }

  ConfigParseException(String reason, Path file, int line, int column) {
    this(reason, file, line, column, false);
  }

  /** What is wrong, without the position; one line, never quoting the document. */
  public String reason() {
    return reason;
  }

  /** The file that was parsed; null when the text had no file. */
  public Path file() {
    return file;
  }

  /** 1-based line of the error. */
  public int line() {
    return line;
  }

  /** 1-based column of the error, in UTF-16 chars. */
  public int column() {
    return column;
  }

  /**
   * True when the text is valid JSON5 that doctor cannot read (hexadecimal numbers, signed NaN):
   * the gateway accepts it, so it is doctor's limitation, not the user's mistake.
   */
  public boolean unsupportedByDoctor() {
    return unsupportedByDoctor;
  }
}
