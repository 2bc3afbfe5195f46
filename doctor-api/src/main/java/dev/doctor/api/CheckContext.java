package dev.doctor.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running check is given. Implementations are provided by the host and are thread-safe;
 * a check may hand the context to threads of its own during {@link Check#run}.
 */
public interface CheckContext {

  /** The gateway config, read once per run; never null. */
  GatewayConfig config();

  /** Runs external commands under timeouts; never null. */
  CommandRunner commands();

  /** Where doctor runs; never null. */
  Platform platform();

  /** An environment variable of the doctor process (or the test's stand-in). */
  Optional<String> env(String name);

  /**
   * An option the user set for checks on the command line, such as {@code allow-exec} (from
   * {@code --allow-exec}); empty when not set. Flags have the value {@code "true"}.
   */
  default Optional<String> option(String name) {
    return Optional.empty();
  }

  /**
   * Parses JSON5 text exactly as the host parses the gateway config, keeping line and column of
   * every value; for the other JSON(5) files a check reads. {@code source} is recorded on the
   * nodes and may be null. Never throws for bad input: that is in the result.
   */
  Json5Parse parseJson5(String text, Path source);

  /** When the host gives up on this check; never null. */
  Instant deadline();

  /** Time left until {@link #deadline()}, never negative. */
  default Duration remaining() {
    Duration left = Duration.between(Instant.now(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }
}
