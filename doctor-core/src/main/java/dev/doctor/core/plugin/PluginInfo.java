package dev.doctor.core.plugin;

import java.nio.file.Path;

/**
 * One plugin jar and what became of it, for {@code doctor plugins} and for the run's findings.
 *
 * @param id plugin id; the jar's file name when the jar could not be read
 * @param version declared version; empty when unknown
 * @param provider declared provider; empty when unknown
 * @param jar where it was found; never null
 * @param state {@code started}, {@code disabled} or {@code failed}
 * @param reason why it is not started; null when started
 */
public record PluginInfo(String id, String version, String provider, Path jar, String state, String reason) {

  public boolean started() {
    return "started".equals(state);
  }
}
