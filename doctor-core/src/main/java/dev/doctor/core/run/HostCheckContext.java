package dev.doctor.core.run;

import dev.doctor.api.CheckContext;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Json5Parse;
import dev.doctor.api.Platform;
import dev.doctor.core.config.Json5Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The context the host gives one check for one run. Immutable. */
record HostCheckContext(
    GatewayConfig config,
    CommandRunner commands,
    Platform platform,
    Function<String, String> environment,
    Map<String, String> options,
    Instant deadline)
    implements CheckContext {

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(environment.apply(name));
  }

  @Override
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  @Override
  public Json5Parse parseJson5(String text, Path source) {
    return Json5Reader.parseDocument(text, source);
  }
}
