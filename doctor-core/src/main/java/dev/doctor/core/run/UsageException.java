package dev.doctor.core.run;

/**
 * The user asked for something that cannot be done (an unknown check id, a missing plugins
 * directory). The message is one line meant for the user; the CLI exits with code 2.
 */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
