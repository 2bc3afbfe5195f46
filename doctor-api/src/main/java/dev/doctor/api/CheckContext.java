package dev.doctor.api;

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

  /** When the host gives up on this check; never null. */
  Instant deadline();

  /** Time left until {@link #deadline()}, never negative. */
  default Duration remaining() {
    Duration left = Duration.between(Instant.now(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }
}
