package dev.doctor.plugins.sandboxdocker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a fake {@code docker} or {@code podman} executable ({@code #!/bin/sh}) into a directory,
 * answering the way the real client does in one engine state, and logging each call's arguments to
 * {@code <program>.calls} next to it.
 */
final class FakeEngine {

  static final String DOCKER_NOT_RUNNING =
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";
  static final String DOCKER_PERMISSION_DENIED =
      "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock:"
          + " Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.50/version\": dial unix /var/run/docker.sock: connect: permission denied";
  static final String PODMAN_NOT_RUNNING =
      "Cannot connect to Podman. Please verify your connection to the Linux system using `podman system connection list`,"
          + " or try `podman machine init` and `podman machine start` to manage a new Linux VM\n"
          + "Error: unable to connect to Podman socket: failed to connect: dial tcp 127.0.0.1:40763: connect: connection refused";

  private final Path dir;
  private final String program;
  private String state = "running";
  private String failure = "";
  private String version = "28.2.2";
  private final List<String> images = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  private FakeEngine(Path dir, String program) {
    this.dir = dir;
    this.program = program;
    if (program.equals("podman")) {
      version = "5.0.3";
    }
  }

  static FakeEngine docker(Path dir) {
    return new FakeEngine(dir, "docker");
  }

  static FakeEngine podman(Path dir) {
    return new FakeEngine(dir, "podman");
  }

  /** The engine answers; only the given images and networks exist. */
  FakeEngine running(String... images) {
    state = "running";
    this.images.addAll(List.of(images));
    return this;
  }

  FakeEngine networks(String... networks) {
    this.networks.addAll(List.of(networks));
    return this;
  }

  /** Every call fails as the real client does with this stderr (may use $DOCKER_HOST etc.). */
  FakeEngine failing(String stderr) {
    state = "failing";
    failure = stderr;
    return this;
  }

  /** Every call hangs, as against a daemon that accepted the connection and never answers. */
  FakeEngine hung() {
    state = "hung";
    return this;
  }

  Path install() {
    Path script = dir.resolve(program);
    try {
      Files.writeString(script, script(), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return script;
  }

  /** The arguments of every call so far, one string per call, in the order they were logged. */
  List<String> calls() {
    Path log = dir.resolve(program + ".calls");
    try {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String script() {
    var sh = new StringBuilder("#!/bin/sh\n");
    sh.append("echo \"$*\" >> '").append(dir.resolve(program + ".calls")).append("'\n");
    sh.append("for last in \"$@\"; do :; done\n");
    switch (state) {
      case "hung" -> sh.append("sleep 30\nexit 0\n");
      // Unquoted here-document: $VARIABLES expand, so backquotes must not.
      case "failing" -> sh.append("cat >&2 <<EOF\n").append(failure.replace("`", "\\`")).append("\nEOF\nexit 1\n");
      default -> {
        boolean podman = program.equals("podman");
        sh.append("case \"$1 $2\" in\n");
        sh.append("  \"version --format\") echo '").append(version).append("'; exit 0 ;;\n");
        sh.append("  \"info --format\") echo '").append(version).append("'; exit 0 ;;\n");
        sh.append("  \"image inspect\")\n    case \"$last\" in\n");
        for (String image : images) {
          sh.append("      '").append(image).append("') echo 'sha256:0f1e2d3c'; exit 0 ;;\n");
        }
        sh.append("    esac\n");
        sh.append(podman
            ? "    echo \"Error: $last: image not known\" >&2; exit 125 ;;\n"
            : "    echo \"Error response from daemon: No such image: $last\" >&2; exit 1 ;;\n");
        sh.append("  \"network inspect\")\n    case \"$last\" in\n");
        for (String network : networks) {
          sh.append("      '").append(network).append("') echo \"$last\"; exit 0 ;;\n");
        }
        sh.append("    esac\n");
        sh.append(podman
            ? "    echo \"Error: unable to find network with name or ID $last: network not found\" >&2; exit 125 ;;\n"
            : "    echo \"Error response from daemon: network $last not found\" >&2; exit 1 ;;\n");
        sh.append("esac\n");
        sh.append("echo \"fake ").append(program).append(": unexpected arguments: $*\" >&2\nexit 64\n");
      }
    }
    return sh.toString();
  }
}
