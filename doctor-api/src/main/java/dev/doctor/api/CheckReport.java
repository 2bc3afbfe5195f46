package dev.doctor.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One check's part of a {@link Report}. Immutable.
 *
 * @param id check id; {@code doctor} for findings of the host itself (config, plugin loading)
 * @param plugin id of the plugin that contributed the check; never null
 * @param title never null
 * @param status never null
 * @param duration how long it ran; never null
 * @param reason why it was skipped; null unless {@link CheckStatus#SKIPPED}
 * @param findings in the order the check gave them, each stamped with {@link #id}; never null
 * @param evidence facts the check gathered; never null
 */
public record CheckReport(
    String id,
    String plugin,
    String title,
    CheckStatus status,
    Duration duration,
    String reason,
    List<Finding> findings,
    Map<String, String> evidence) {

  /** The id of the pseudo-check that carries the host's own findings. */
  public static final String HOST_ID = "doctor";

  public CheckReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    findings = List.copyOf(findings);
    evidence = CheckResult.Values.orderedCopy(evidence);
  }

  /** True for the pseudo-check that carries the host's own findings. */
  public boolean isHost() {
    return HOST_ID.equals(id);
  }
}
