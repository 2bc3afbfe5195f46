package dev.doctor.plugins.sandboxdocker;

import java.util.List;
import java.util.Locale;

/**
 * The container engines behind OpenClaw's local sandbox backends ({@code docker}, {@code podman}),
 * and how doctor asks each of them something. Both read {@code sandbox.docker.*}.
 */
enum Engine {
  DOCKER("docker", "Docker", List.of("DOCKER_HOST", "DOCKER_CONTEXT")),
  PODMAN("podman", "Podman", List.of("CONTAINER_HOST", "CONTAINER_CONNECTION"));

  /** The program OpenClaw runs, found on {@code PATH}. */
  final String program;

  final String displayName;

  /** Environment variables that point the client at another engine than the local default. */
  final List<String> endpointVariables;

  Engine(String program, String displayName, List<String> endpointVariables) {
    this.program = program;
    this.displayName = displayName;
    this.endpointVariables = endpointVariables;
  }

  /** The engine for a {@code sandbox.backend} value; null for backends that are not local containers. */
  static Engine forBackend(String backend) {
    return switch (backend) {
      case "docker" -> DOCKER;
      case "podman" -> PODMAN;
      default -> null;
    };
  }

  /**
   * Arguments that succeed only when the engine answers. {@code docker version} prints the server
   * part only after talking to the daemon; {@code podman info} is what OpenClaw itself probes.
   */
  List<String> probeArgs() {
    return this == DOCKER
        ? List.of("version", "--format", "{{.Server.Version}}")
        : List.of("info", "--format", "{{.Version.Version}}");
  }

  /** The probe as users would type it, for messages. */
  String probeName() {
    return this == DOCKER ? "docker version" : "podman info";
  }

  // "--" keeps a config value that starts with a dash from being read as an option.
  List<String> imageInspectArgs(String image) {
    return List.of("image", "inspect", "--format", "{{.Id}}", "--", image);
  }

  List<String> networkInspectArgs(String network) {
    return List.of("network", "inspect", "--format", "{{.Name}}", "--", network);
  }

  /** Whether a failed {@code image inspect} said the image is not there (as OpenClaw decides it). */
  boolean saysImageMissing(String stderr) {
    String s = stderr.toLowerCase(Locale.ROOT);
    if (this == DOCKER) {
      return s.contains("no such image");
    }
    return s.contains("no such image") || s.contains("image not known") || s.matches("(?s).*image .* not found.*");
  }

  /** Whether a failed {@code network inspect} said the network is not there. */
  boolean saysNetworkMissing(String stderr) {
    String s = stderr.toLowerCase(Locale.ROOT);
    return s.contains("no such network")
        || s.contains("network not found")
        || s.contains("unable to find network")
        || s.matches("(?s).*network \\S+ not found.*");
  }
}
