package dev.doctor.core.plugin;

import dev.doctor.api.Check;

/**
 * A check together with the plugin it came from. The id and title are read once at load time, so
 * a misbehaving plugin cannot change them during the run.
 */
public record LoadedCheck(String id, String title, String pluginId, String pluginVersion, String pluginProvider, Check check) {}
