package dev.doctor.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The OpenClaw gateway config as doctor found it. Immutable and thread-safe.
 *
 * @param file the config file that was looked up (it may not exist); never null
 * @param stateDir the OpenClaw state directory ({@code $OPENCLAW_STATE_DIR}, else {@code ~/.openclaw}); never null
 * @param status whether the file was there and readable
 * @param root the parsed document; an empty object when the file is missing or unreadable
 */
public record GatewayConfig(Path file, Path stateDir, Status status, ConfigNode root) {

  /** What became of reading the file. */
  public enum Status {
    /** Parsed; {@link #root()} is its content. */
    LOADED,
    /** No file: OpenClaw's defaults apply. */
    MISSING,
    /** The file exists but could not be read or parsed; the host reports why. */
    UNREADABLE
  }

  public GatewayConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(root, "root");
  }

  /** Shorthand for {@code root().at(dotPath)}. */
  public ConfigNode at(String dotPath) {
    return root.at(dotPath);
  }

  /** True when the values seen are the user's (or defaults for a missing file), not a parse failure. */
  public boolean usable() {
    return status != Status.UNREADABLE;
  }
}
