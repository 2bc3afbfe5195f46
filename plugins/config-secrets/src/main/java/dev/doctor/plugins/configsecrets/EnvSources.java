package dev.doctor.plugins.configsecrets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the gateway gets environment variables from: its process environment (doctor's stands in
 * for it), the {@code .env} files OpenClaw loads, and {@code env.vars} in the config. Only whether
 * a variable is set and non-empty is kept, never its value.
 *
 * @param process the process environment lookup
 * @param dotEnv names defined in a {@code .env} file, mapped to whether the value is non-empty
 * @param configVars names defined under {@code env.vars} (or {@code env}), likewise
 * @param shellEnv whether {@code env.shellEnv.enabled} lets the gateway import variables from a login shell
 * @param dotEnvFiles the {@code .env} files read, for evidence
 */
record EnvSources(
    Function<String, Optional<String>> process,
    Map<String, Boolean> dotEnv,
    Map<String, Boolean> configVars,
    boolean shellEnv,
    List<String> dotEnvFiles) {

  /** How a variable stands across the sources. */
  enum Presence {
    SET,
    EMPTY,
    MISSING
  }

  Presence presence(String name) {
    Optional<String> value = process.apply(name);
    if (value.isPresent() && !value.get().trim().isEmpty()) {
      return Presence.SET;
    }
    if (Boolean.TRUE.equals(dotEnv.get(name)) || Boolean.TRUE.equals(configVars.get(name))) {
      return Presence.SET;
    }
    if (value.isPresent() || dotEnv.containsKey(name) || configVars.containsKey(name)) {
      return Presence.EMPTY;
    }
    return Presence.MISSING;
  }

  /** The places looked in, for evidence. */
  String lookedIn() {
    var places = new java.util.ArrayList<String>();
    places.add("process environment");
    places.addAll(dotEnvFiles);
    places.add("env.vars in the config");
    return String.join(", ", places);
  }
}
