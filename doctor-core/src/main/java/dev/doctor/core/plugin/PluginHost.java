package dev.doctor.core.plugin;

import dev.doctor.api.Check;
import dev.doctor.api.DoctorApi;
import dev.doctor.api.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionWrapper;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.PluginWrapper;

/**
 * The one class that owns PF4J. Loads every plugin jar in one directory, starts what it can, and
 * collects their checks and reporters. Whatever one plugin does wrong (a corrupt jar, a missing
 * class, an exception in {@code start()}, a newer API than this host provides, a plugin id another
 * jar also declares, a bundled copy of doctor-api) is recorded against that plugin and never stops
 * the others.
 *
 * <p>Built-in plugins are ordinary jars in the same directory; nothing here knows their names.
 * Not thread-safe: load once, then use the result.
 */
public final class PluginHost extends DefaultPluginManager {

  private static final Pattern CHECK_ID =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?");

  /** What loading found: every plugin with its state, and the checks and reporters of the started ones. */
  public record Loaded(List<PluginInfo> plugins, List<LoadedCheck> checks, List<Reporter> reporters) {}

  public PluginHost(Path pluginsDir) {
    super(List.of(pluginsDir));
    // Without this PF4J ignores Plugin-Requires and loads plugins built for another API.
    setSystemVersion(DoctorApi.version());
  }

  @Override
  protected PluginRepository createPluginRepository() {
    return new JarPluginRepository(getPluginsRoots());
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new JarPluginLoader(this);
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new DescriptorFinder();
  }

  @Override
  protected PluginFactory createPluginFactory() {
    // PF4J's factory answers null for a Plugin-Class it cannot use, and start() then fails with a
    // NullPointerException that names nothing. Name the class instead.
    return new DefaultPluginFactory() {
      @Override
      public Plugin create(PluginWrapper plugin) {
        String name = plugin.getDescriptor().getPluginClass();
        try {
          plugin.getPluginClassLoader().loadClass(name);
        } catch (ClassNotFoundException e) {
          throw new PluginRuntimeException("Plugin-Class " + name + " is not in the jar");
        }
        Plugin created = super.create(plugin);
        if (created == null) {
          throw new PluginRuntimeException("Plugin-Class " + name
              + " cannot be created: it must be a public, non-abstract subclass of org.pf4j.Plugin with a public constructor");
        }
        return created;
      }
    };
  }

  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    // Every jar present is wanted: no enabled.txt / disabled.txt files in the user's plugins dir.
    return new PluginStatusProvider() {
      @Override
      public boolean isPluginDisabled(String pluginId) {
        return false;
      }

      @Override
      public void disablePlugin(String pluginId) {}

      @Override
      public void enablePlugin(String pluginId) {}
    };
  }

  /** Loads and starts every plugin jar, then collects extensions. Never throws for a bad plugin. */
  public Loaded load() {
    Map<Path, String> unloadable = new LinkedHashMap<>();
    List<Path> readable = new ArrayList<>();
    for (Path jar : pluginRepository.getPluginPaths()) {
      String unreadable = unreadableJar(jar);
      if (unreadable != null) {
        unloadable.put(jar, unreadable);
      } else {
        readable.add(jar);
      }
    }
    List<PluginInfo> duplicates = duplicatePluginIds(readable);
    duplicates.forEach(d -> readable.remove(d.jar()));
    for (Path jar : readable) {
      try {
        loadPluginFromPath(jar);
      } catch (Exception | LinkageError e) {
        unloadable.put(jar, reason(e));
      }
    }
    try {
      resolvePlugins();
    } catch (RuntimeException e) {
      // A dependency cycle or a missing plugin dependency: the affected plugins stay unresolved.
      getUnresolvedPlugins().forEach(p -> p.setFailedException(e));
    }
    startPlugins();

    Map<String, String> problems = new LinkedHashMap<>();
    List<LoadedCheck> checks = new ArrayList<>();
    List<Reporter> reporters = new ArrayList<>();
    for (PluginWrapper plugin : getStartedPlugins()) {
      String id = plugin.getPluginId();
      Set<String> loadedClasses = new HashSet<>();
      Consumer<String> problem = p -> problems.merge(id, p, (a, b) -> a + "; " + b);
      String bundled = bundledApiClass(plugin);
      if (bundled != null) {
        problem.accept("it bundles its own copy of doctor-api (" + bundled + "), which hides its extensions from doctor;"
            + " declare doctor-api and pf4j with <scope>provided</scope>");
      }
      for (ExtensionWrapper<Check> ext : extensionFinder.find(Check.class, id)) {
        loadedClasses.add(ext.getDescriptor().extensionClass.getName());
        try {
          Check check = ext.getExtension();
          String checkId = check.id();
          if (checkId == null || !CHECK_ID.matcher(checkId).matches() || !(checkId.equals(id) || checkId.startsWith(id + "/"))) {
            problem.accept("check " + ext.getDescriptor().extensionClass.getName() + " has id '" + checkId
                + "'; a check id must be '" + id + "' or '" + id + "/<name>' in kebab-case");
            continue;
          }
          String provider = plugin.getDescriptor().getProvider();
          checks.add(new LoadedCheck(checkId, String.valueOf(check.title()), id, plugin.getDescriptor().getVersion(),
              provider == null || provider.isBlank() ? "unknown" : provider, check));
        } catch (Exception | LinkageError e) {
          problem.accept("check " + ext.getDescriptor().extensionClass.getName() + " could not be created: " + reason(e));
        }
      }
      for (ExtensionWrapper<Reporter> ext : extensionFinder.find(Reporter.class, id)) {
        loadedClasses.add(ext.getDescriptor().extensionClass.getName());
        try {
          reporters.add(ext.getExtension());
        } catch (Exception | LinkageError e) {
          problem.accept("reporter " + ext.getDescriptor().extensionClass.getName() + " could not be created: " + reason(e));
        }
      }
      for (String declared : extensionFinder.findClassNames(id)) {
        if (!loadedClasses.contains(declared) && !isOtherExtensionPoint(plugin, declared)) {
          problem.accept("extension " + declared + " could not be loaded (a class it needs is missing)");
        }
      }
    }
    dropDuplicateIds(checks, problems);

    List<PluginInfo> infos = new ArrayList<>(duplicates);
    unloadable.forEach((jar, reason) -> infos.add(new PluginInfo(jar.getFileName().toString(), "", "", jar, "failed", reason)));
    for (PluginWrapper plugin : getPlugins()) {
      infos.add(describe(plugin, problems.get(plugin.getPluginId())));
    }
    infos.sort(Comparator.comparing(PluginInfo::id).thenComparing(p -> p.jar().getFileName().toString()));
    return new Loaded(List.copyOf(infos), List.copyOf(checks), List.copyOf(reporters));
  }

  /**
   * Jars that declare the same plugin id (typically two versions of one plugin). PF4J would load
   * whichever it lists first, by modification time; instead none of them loads and each is reported.
   */
  private List<PluginInfo> duplicatePluginIds(List<Path> jars) {
    Map<String, List<PluginDescriptor>> byId = new LinkedHashMap<>();
    Map<PluginDescriptor, Path> where = new IdentityHashMap<>();
    for (Path jar : jars) {
      try {
        PluginDescriptor d = getPluginDescriptorFinder().find(jar);
        if (d.getPluginId() != null) {
          byId.computeIfAbsent(d.getPluginId(), k -> new ArrayList<>()).add(d);
          where.put(d, jar);
        }
      } catch (RuntimeException e) {
        // An invalid descriptor fails again, with its reason, when the jar is loaded.
      }
    }
    List<PluginInfo> duplicates = new ArrayList<>();
    byId.forEach((id, descriptors) -> {
      if (descriptors.size() > 1) {
        List<String> names = descriptors.stream().map(d -> where.get(d).getFileName().toString()).sorted().toList();
        String reason = names.size() + " jars declare plugin id '" + id + "' (" + String.join(", ", names)
            + "); none of them is loaded: keep one";
        for (PluginDescriptor d : descriptors) {
          String provider = d.getProvider() == null ? "" : d.getProvider();
          duplicates.add(new PluginInfo(id, d.getVersion(), provider, where.get(d), "failed", reason));
        }
      }
    });
    return duplicates;
  }

  /** Two plugins claiming one check id: both are reported and neither runs, so no one wins silently. */
  private static void dropDuplicateIds(List<LoadedCheck> checks, Map<String, String> problems) {
    Map<String, List<LoadedCheck>> byId = new LinkedHashMap<>();
    checks.forEach(c -> byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c));
    byId.forEach((checkId, claimants) -> {
      if (claimants.size() > 1) {
        List<String> owners = claimants.stream().map(c -> c.pluginId() + " (" + c.check().getClass().getName() + ")").toList();
        for (LoadedCheck c : claimants) {
          problems.merge(c.pluginId(), "check id '" + checkId + "' is claimed more than once: " + String.join(", ", owners)
              + "; none of them runs", (a, b) -> a + "; " + b);
        }
        checks.removeAll(claimants);
      }
    });
  }

  /**
   * A plugin's classes load plugin-first, so a jar that bundles doctor-api gets its own {@code Check}
   * and {@code Reporter}, and PF4J skips its extensions without a word. The bundled class name, or null.
   */
  private static String bundledApiClass(PluginWrapper plugin) {
    for (Class<?> ours : List.of(Check.class, Reporter.class)) {
      try {
        if (plugin.getPluginClassLoader().loadClass(ours.getName()) != ours) {
          return ours.getName();
        }
      } catch (ClassNotFoundException | LinkageError e) {
        // Not visible at all: a broken copy at worst, which the extension checks below report.
      }
    }
    return null;
  }

  /** Extensions of extension points other than ours (a plugin may serve another host too) are not ours to judge. */
  private static boolean isOtherExtensionPoint(PluginWrapper plugin, String className) {
    try {
      Class<?> type = plugin.getPluginClassLoader().loadClass(className);
      return !Check.class.isAssignableFrom(type) && !Reporter.class.isAssignableFrom(type);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private PluginInfo describe(PluginWrapper plugin, String problem) {
    var d = plugin.getDescriptor();
    String provider = d.getProvider() == null ? "" : d.getProvider();
    PluginState state = plugin.getPluginState();
    if (state == PluginState.STARTED) {
      return new PluginInfo(d.getPluginId(), d.getVersion(), provider, plugin.getPluginPath(), "started", problem);
    }
    String reason;
    if (!isPluginValid(plugin)) {
      reason = "requires doctor API " + d.getRequires().trim() + " but this doctor provides " + getSystemVersion();
    } else if (plugin.getFailedException() != null) {
      reason = reason(plugin.getFailedException());
    } else {
      reason = "not started (" + state.toString().toLowerCase(java.util.Locale.ROOT) + ")";
    }
    String shown = state == PluginState.DISABLED ? "disabled" : "failed";
    return new PluginInfo(d.getPluginId(), d.getVersion(), provider, plugin.getPluginPath(), shown, reason);
  }

  /** Why {@code jar} cannot be a plugin at all, in words PF4J does not offer; null if it may be one. */
  private String unreadableJar(Path jar) {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      java.util.jar.Manifest manifest = file.getManifest();
      String id = manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Id");
      boolean hasProperties = file.getEntry(PropertiesPluginDescriptorFinder.DEFAULT_PROPERTIES_FILE_NAME) != null;
      if (!hasProperties) {
        ((DescriptorFinder) getPluginDescriptorFinder()).withoutProperties.add(jar);
      }
      if ((id == null || id.isBlank()) && !hasProperties) {
        return "not a doctor plugin: its manifest has no Plugin-Id";
      }
      return null;
    } catch (IOException | SecurityException e) {
      return "not a readable jar file (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }
  }


  /**
   * PF4J's own order (plugin.properties first, then the manifest), made cheap. PF4J looks for
   * plugin.properties by opening each jar as a zip file system, about 3 ms per jar on a cold JVM,
   * even when the jar has none, as most have. {@link #unreadableJar} has already looked inside
   * every jar, so the jars it saw without the file skip that step. Each jar's descriptor is read
   * once, though {@link #duplicatePluginIds} and PF4J's loading both ask for it.
   */
  private static final class DescriptorFinder implements PluginDescriptorFinder {
    /** Jars known to have no plugin.properties; for any other path PF4J looks as it always does. */
    private final Set<Path> withoutProperties = new HashSet<>();
    private final PluginDescriptorFinder compound = new CompoundPluginDescriptorFinder()
        .add(new PropertiesPluginDescriptorFinder() {
          @Override
          public boolean isApplicable(Path pluginPath) {
            return !withoutProperties.contains(pluginPath) && super.isApplicable(pluginPath);
          }
        })
        .add(new ManifestPluginDescriptorFinder());
    private final Map<Path, Object> found = new HashMap<>();

    @Override
    public boolean isApplicable(Path pluginPath) {
      return compound.isApplicable(pluginPath);
    }

    @Override
    public PluginDescriptor find(Path pluginPath) {
      Object result = found.computeIfAbsent(pluginPath, p -> {
        try {
          return compound.find(p);
        } catch (RuntimeException e) {
          return e;
        }
      });
      if (result instanceof RuntimeException e) {
        throw e;
      }
      return (PluginDescriptor) result;
    }
  }

  /** One line saying what went wrong, with the root cause; never a stack trace. */
  static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (root != t) {
      String rootMessage = root.getMessage() == null ? "" : ": " + root.getMessage();
      message = message + " (" + root.getClass().getSimpleName() + rootMessage + ")";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
