package dev.doctor.api;

import java.util.List;
import java.util.Objects;

/**
 * How to fix a finding: prose, plus shell commands kept apart so they can be shown as a block
 * and copied. Every command must be safe to paste as it stands (no placeholders that would do
 * harm if left in). Immutable.
 *
 * @param text what to do and why; never null, empty only for {@link #none()}
 * @param commands commands to run, in order; never null
 */
public record Remediation(String text, List<String> commands) {

  private static final Remediation NONE = new Remediation("", List.of());

  public Remediation {
    Objects.requireNonNull(text, "text");
    commands = List.copyOf(commands);
  }

  public static Remediation of(String text, String... commands) {
    return new Remediation(text, List.of(commands));
  }

  public static Remediation none() {
    return NONE;
  }

  public boolean isEmpty() {
    return text.isEmpty() && commands.isEmpty();
  }
}
