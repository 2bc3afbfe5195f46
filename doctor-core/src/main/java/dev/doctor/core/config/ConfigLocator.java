package dev.doctor.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides which gateway config file and state directory to use, the way the gateway does. The
 * environment and home directory are given, never read from the process here, so tests can set
 * them. Immutable and thread-safe if the environment function is.
 *
 * <p>Config file, first that is set: {@code --config FILE}, {@code $OPENCLAW_CONFIG_PATH}, {@code
 * $OPENCLAW_STATE_DIR/openclaw.json}, {@code ~/.openclaw/openclaw.json}. State directory: {@code
 * $OPENCLAW_STATE_DIR}, else {@code ~/.openclaw}, whatever chose the config file. An empty or
 * blank variable counts as unset. A leading {@code ~} (alone or followed by a separator) is the
 * home directory; {@code ~user} is not expanded. Relative paths stay relative (to the working
 * directory).
 */
public final class ConfigLocator {

  /** Names the config file directly. */
  public static final String CONFIG_PATH_ENV = "OPENCLAW_CONFIG_PATH";

  /** The OpenClaw state directory, which also holds the default config file. */
  public static final String STATE_DIR_ENV = "OPENCLAW_STATE_DIR";

  /** The config's file name inside the state directory. */
  public static final String CONFIG_FILE_NAME = "openclaw.json";

  private static final String DEFAULT_STATE_DIR = ".openclaw";

  private final Function<String, String> env;
  private final Path home;

  /**
   * @param env an environment variable's value by name, null when unset; never null itself
   * @param home the user's home directory; never null
   */
  public ConfigLocator(Function<String, String> env, Path home) {
    this.env = Objects.requireNonNull(env, "env");
    this.home = Objects.requireNonNull(home, "home");
  }

  /** As {@link #ConfigLocator(Function, Path)}, with the environment as a map. */
  public ConfigLocator(Map<String, String> env, Path home) {
    this(Objects.requireNonNull(env, "env")::get, home);
  }

  /** The doctor process's own environment and {@code user.home}. */
  public static ConfigLocator ofSystem() {
    return new ConfigLocator(System::getenv, Path.of(System.getProperty("user.home")));
  }

  /**
   * The config file to read; it may not exist.
   *
   * @param explicit the {@code --config} option; null when not given
   */
  public Path configFile(Path explicit) {
    if (explicit != null) {
      // The shell expands "--config ~/x" but not "--config=~/x".
      return explicit.toString().startsWith("~") ? expandHome(explicit.toString()) : explicit;
    }
    String configPath = variable(CONFIG_PATH_ENV);
    if (configPath != null) {
      return expandHome(configPath);
    }
    return stateDir().resolve(CONFIG_FILE_NAME);
  }

  /** The OpenClaw state directory; it may not exist. */
  public Path stateDir() {
    String stateDir = variable(STATE_DIR_ENV);
    return stateDir != null ? expandHome(stateDir) : home.resolve(DEFAULT_STATE_DIR);
  }

  private String variable(String name) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private Path expandHome(String value) {
    if (value.equals("~")) {
      return home;
    }
    if (value.startsWith("~/") || value.startsWith("~" + home.getFileSystem().getSeparator())) {
      String rest = value.substring(2);
      return rest.isEmpty() ? home : home.resolve(rest);
    }
    return home.getFileSystem().getPath(value);
  }
}
