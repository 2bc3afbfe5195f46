package dev.doctor.plugins.sandboxdocker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Something an engine must already hold for the sandboxes to start: an image, or a custom network
 * named by {@code docker.network}. Immutable.
 *
 * @param kind what it is
 * @param engine the engine that must hold it
 * @param setting the name and the config node that chose it (of the first agent that needs it)
 * @param users labels of the agents that need it, in config order; never empty
 */
record Requirement(Kind kind, Engine engine, Setting setting, List<String> users) {

  /** What is required. */
  enum Kind {
    IMAGE("sandbox image"),
    BROWSER_IMAGE("sandbox browser image"),
    NETWORK("sandbox network");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    boolean isImage() {
      return this != NETWORK;
    }
  }

  // Built in to every engine, or refused by OpenClaw before the engine is asked (see RiskySettings).
  private static final Set<String> NOT_LOOKED_UP = Set.of("none", "bridge", "host", "default");

  Requirement {
    users = List.copyOf(users);
  }

  String name() {
    return setting.value();
  }

  List<String> inspectArgs() {
    return kind.isImage() ? engine.imageInspectArgs(name()) : engine.networkInspectArgs(name());
  }

  /**
   * What the agents need, each image or network once per engine. Browser networks are left out:
   * OpenClaw creates a missing one itself.
   */
  static List<Requirement> collect(List<SandboxedAgent> agents) {
    var users = new LinkedHashMap<String, List<String>>();
    var first = new LinkedHashMap<String, Requirement>();
    for (SandboxedAgent agent : agents) {
      add(first, users, Kind.IMAGE, agent.engine(), agent.image(), agent.label());
      if (agent.usesBrowser()) {
        add(first, users, Kind.BROWSER_IMAGE, Engine.DOCKER, agent.browserImage(), agent.label());
      }
      String network = agent.network().value().toLowerCase(Locale.ROOT);
      if (!NOT_LOOKED_UP.contains(network) && !network.startsWith("container:")) {
        add(first, users, Kind.NETWORK, agent.engine(), agent.network(), agent.label());
      }
    }
    var all = new ArrayList<Requirement>();
    first.forEach((key, r) -> all.add(new Requirement(r.kind, r.engine, r.setting, users.get(key))));
    return List.copyOf(all);
  }

  private static void add(
      LinkedHashMap<String, Requirement> first,
      LinkedHashMap<String, List<String>> users,
      Kind kind,
      Engine engine,
      Setting setting,
      String user) {
    String key = engine + (kind.isImage() ? " image " : " network ") + setting.value();
    first.putIfAbsent(key, new Requirement(kind, engine, setting, List.of(user)));
    List<String> list = users.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(user)) {
      list.add(user);
    }
  }
}
