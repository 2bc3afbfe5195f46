package dev.doctor.testkit;

import dev.doctor.api.CheckContext;
import dev.doctor.api.CommandRunner;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.Json5Parse;
import dev.doctor.api.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CheckContext} for tests, built from a JSON5 config string or file, an environment map,
 * a platform and a runner. Immutable once built.
 *
 * <pre>{@code
 * CheckContext ctx = TestCheckContext.builder()
 *     .config("{ agents: { defaults: { sandbox: { mode: 'all' } } } }")
 *     .runner(runner)
 *     .build();
 * }</pre>
 */
public final class TestCheckContext implements CheckContext {

  /** The platform tests get unless they say otherwise. */
  public static final Platform LINUX = new Platform(Platform.Os.LINUX, "amd64", "6.8.0-test");

  private final GatewayConfig config;
  private final CommandRunner runner;
  private final Platform platform;
  private final Map<String, String> env;
  private final Map<String, String> options;
  private final Instant deadline;

  private TestCheckContext(Builder b) {
    this.config = b.config;
    this.runner = b.runner;
    this.platform = b.platform;
    this.env = Map.copyOf(b.env);
    this.options = Map.copyOf(b.options);
    this.deadline = Instant.now().plus(b.timeout);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public GatewayConfig config() {
    return config;
  }

  @Override
  public CommandRunner commands() {
    return runner;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name));
  }

  @Override
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  @Override
  public Json5Parse parseJson5(String text, Path source) {
    return Configs.parse(text, source);
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  /** Builds a {@link TestCheckContext}. Not thread-safe. */
  public static final class Builder {
    private Path stateDir = Path.of("/nonexistent/.openclaw");
    private GatewayConfig config;
    private CommandRunner runner = new ScriptedCommandRunner();
    private Platform platform = LINUX;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> options = new HashMap<>();
    private Duration timeout = Duration.ofSeconds(10);

    private Builder() {}

    /** The config, parsed from JSON5 text exactly as the host parses a file. */
    public Builder config(String json5) {
      Path file = stateDir.resolve("openclaw.json");
      this.config = new GatewayConfig(file, stateDir, GatewayConfig.Status.LOADED, Configs.parseOrFail(json5, file));
      return this;
    }

    /** The config read from a real file (which may be missing: then OpenClaw's defaults apply). */
    public Builder configFile(Path file) {
      if (!Files.exists(file)) {
        this.config = new GatewayConfig(file, stateDir, GatewayConfig.Status.MISSING, ConfigNode.emptyRoot(file));
        return this;
      }
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        this.config = new GatewayConfig(file, stateDir, GatewayConfig.Status.LOADED, Configs.parseOrFail(text, file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A ready-made config, e.g. one with {@link GatewayConfig.Status#UNREADABLE}. */
    public Builder config(GatewayConfig config) {
      this.config = config;
      return this;
    }

    /** The OpenClaw state dir; set it before {@link #config(String)} for the config file to live there. */
    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    public Builder runner(CommandRunner runner) {
      this.runner = runner;
      return this;
    }

    public Builder platform(Platform platform) {
      this.platform = platform;
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** A check option as {@code --NAME} would set it; flags are {@code "true"}. */
    public Builder option(String name, String value) {
      options.put(name, value);
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public TestCheckContext build() {
      if (config == null) {
        Path file = stateDir.resolve("openclaw.json");
        config = new GatewayConfig(file, stateDir, GatewayConfig.Status.MISSING, ConfigNode.emptyRoot(file));
      }
      return new TestCheckContext(this);
    }
  }
}
