package dev.doctor.cli;

import dev.doctor.core.plugin.PluginHost;
import dev.doctor.core.run.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Where plugins come from ({@code --plugins-dir}, else {@code DOCTOR_PLUGINS_DIR}, else the
 * distribution's {@code plugins/}), and loading them early.
 *
 * <p>Loading the plugins (about 40 ms on a cold JVM) does not depend on the rest of the command line
 * unless it names {@code --plugins-dir}. So {@link #prefetch} starts loading the default directory on
 * a background thread while picocli builds its model and parses (about as long again), and {@link
 * #load} takes that result when the parsed command asks for the same directory. A command that
 * never asks (usage errors, {@code completion}) leaves the thread to die with the JVM; plugins are
 * only started, as every run starts them, never run.
 */
final class PluginDirectory {

  private final Environment environment;
  private final Path prefetched;
  private final FutureTask<PluginHost.Loaded> loading;

  private PluginDirectory(Environment environment, Path prefetched, FutureTask<PluginHost.Loaded> loading) {
    this.environment = environment;
    this.prefetched = prefetched;
    this.loading = loading;
  }

  /** No loading ahead: each {@link #load} loads. */
  static PluginDirectory lazy(Environment environment) {
    return new PluginDirectory(environment, null, null);
  }

  /**
   * Starts loading the default plugins directory unless {@code args} may name another one (also
   * through an {@code @file} of arguments) or only ask for help or the version.
   */
  static PluginDirectory prefetch(Environment environment, String... args) {
    for (String arg : args) {
      if (arg.startsWith("--plugins-dir") || arg.startsWith("@") || arg.equals("-h") || arg.equals("--help") || arg.equals("-V")
          || arg.equals("--version") || arg.equals("completion")) {
        return lazy(environment);
      }
    }
    Path dir;
    try {
      dir = resolve(null, environment).dir();
    } catch (UsageException e) {
      return lazy(environment); // said again, properly, when the command asks
    }
    if (!Files.isDirectory(dir)) {
      return lazy(environment);
    }
    FutureTask<PluginHost.Loaded> task = new FutureTask<>(() -> new PluginHost(dir).load());
    Thread thread = new Thread(task, "doctor-plugin-load");
    thread.setDaemon(true);
    thread.start();
    return new PluginDirectory(environment, dir, task);
  }

  /** The directory being loaded ahead, or null. */
  Path prefetched() {
    return prefetched;
  }

  private record Resolved(Path dir, String source) {}

  private static Resolved resolve(Path explicit, Environment environment) {
    if (explicit != null) {
      return new Resolved(explicit, "--plugins-dir");
    }
    String fromEnv = environment.get("DOCTOR_PLUGINS_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Resolved(Path.of(fromEnv), "DOCTOR_PLUGINS_DIR");
    }
    if (environment.doctorHome() != null) {
      return new Resolved(environment.doctorHome().resolve("plugins"), "the distribution");
    }
    throw new UsageException("no plugins directory: pass --plugins-dir DIR or set DOCTOR_PLUGINS_DIR");
  }

  /** The plugins of {@code --plugins-dir} ({@code explicit}, may be null) or the default directory. */
  PluginHost.Loaded load(Path explicit) {
    Resolved where = resolve(explicit, environment);
    if (loading != null && where.dir().equals(prefetched)) {
      return join(loading);
    }
    if (!Files.isDirectory(where.dir())) {
      throw new UsageException(
          "plugins directory " + where.dir() + " (from " + where.source() + ") does not exist or is not a directory");
    }
    return new PluginHost(where.dir()).load();
  }

  private static PluginHost.Loaded join(FutureTask<PluginHost.Loaded> loading) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return loading.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          // What load() would have thrown on this thread.
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
