package dev.doctor.core.explain;

import dev.doctor.core.plugin.PluginInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Every finding code's explanation, from one markdown page per plugin. The page of a plugin is the
 * jar entry {@code META-INF/doctor/checks/<plugin-id>.md} (the built-in plugins pack their
 * {@code docs/checks/<plugin-id>.md} there; third parties ship their own); the host's own codes
 * ({@code doctor.*}) come from doctor-core's copy of {@code docs/checks/doctor.md}. A code belongs
 * to the plugin whose id is its first segment ({@code codex-bwrap.user-namespace-denied}, {@code
 * extra/one.note}).
 *
 * <p>Pages are read from the jar files directly, not through the plugin's class loader, so a plugin
 * that failed to start (a newer API, a missing class) can still explain its codes. Each page is read
 * at most once. Thread-safe.
 */
public final class Explanations {

  /** The id under which the host's own codes are explained. */
  public static final String HOST_ID = "doctor";

  private static final String PAGE_DIR = "META-INF/doctor/checks/";
  private static final int MAX_PAGE_BYTES = 1 << 20;
  private static final Page NO_PAGE = new Page("", "", "", Map.of());

  /**
   * One plugin's page.
   *
   * @param pluginId never null
   * @param markdown the whole page; never null
   * @param source where it was read; never null
   * @param sections body of each code's section by code, in page order; never null
   */
  public record Page(String pluginId, String markdown, String source, Map<String, String> sections) {}

  private final Map<String, Path> jars = new LinkedHashMap<>();
  private final Map<String, Page> pages = new ConcurrentHashMap<>();

  /** Explanations of the host's codes and those of {@code plugins} (loaded or not). */
  public Explanations(List<PluginInfo> plugins) {
    for (PluginInfo plugin : plugins) {
      jars.putIfAbsent(plugin.id(), plugin.jar());
    }
  }

  /** Only the host's own codes. */
  public static Explanations hostOnly() {
    return new Explanations(List.of());
  }

  /** The jar entry that holds the page of plugin {@code pluginId}. */
  public static String pageEntry(String pluginId) {
    return PAGE_DIR + pluginId + ".md";
  }

  /** The plugin id a code belongs to: its text up to the first {@code /} or {@code .}. */
  public static String pluginIdOf(String code) {
    int end = code.length();
    for (char c : new char[] {'/', '.'}) {
      int at = code.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return code.substring(0, end);
  }

  /** The explanation of {@code code}; empty when its plugin is unknown or its page has no section for it. */
  public Optional<Explanation> find(String code) {
    String pluginId = pluginIdOf(code);
    return page(pluginId).flatMap(page -> Optional.ofNullable(page.sections().get(code))
        .map(body -> new Explanation(code, pluginId, body, page.source())));
  }

  /** The page of {@code pluginId} ({@value #HOST_ID} for the host); empty when there is no such plugin or it ships none. */
  public Optional<Page> page(String pluginId) {
    Page page = pages.computeIfAbsent(pluginId, this::read);
    return page == NO_PAGE ? Optional.empty() : Optional.of(page);
  }

  /** The host's id and the id of every plugin given, sorted. */
  public Set<String> pluginIds() {
    Set<String> ids = new TreeSet<>(jars.keySet());
    ids.add(HOST_ID);
    return ids;
  }

  /** Every code that has an explanation, sorted. */
  public Set<String> codes() {
    Set<String> codes = new TreeSet<>();
    for (String id : pluginIds()) {
      page(id).ifPresent(p -> codes.addAll(p.sections().keySet()));
    }
    return codes;
  }

  private Page read(String pluginId) {
    if (HOST_ID.equals(pluginId)) {
      try (InputStream in = Explanations.class.getResourceAsStream("/" + pageEntry(HOST_ID))) {
        if (in == null) {
          throw new IllegalStateException("doctor-core is missing " + pageEntry(HOST_ID));
        }
        return page(pluginId, new String(in.readNBytes(MAX_PAGE_BYTES), StandardCharsets.UTF_8), "docs/checks/doctor.md");
      } catch (IOException e) {
        throw new IllegalStateException("cannot read doctor-core's " + pageEntry(HOST_ID), e);
      }
    }
    Path jar = jars.get(pluginId);
    if (jar == null) {
      return NO_PAGE;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry(pageEntry(pluginId));
      if (entry == null) {
        return NO_PAGE;
      }
      try (InputStream in = file.getInputStream(entry)) {
        return page(pluginId, new String(in.readNBytes(MAX_PAGE_BYTES), StandardCharsets.UTF_8), jar + "!/" + entry.getName());
      }
    } catch (IOException | SecurityException e) {
      // A jar that cannot be read has no explanations; `doctor plugins` reports the jar itself.
      return NO_PAGE;
    }
  }

  private static Page page(String pluginId, String markdown, String source) {
    return new Page(pluginId, markdown, source, java.util.Collections.unmodifiableMap(Pages.sections(markdown)));
  }
}
