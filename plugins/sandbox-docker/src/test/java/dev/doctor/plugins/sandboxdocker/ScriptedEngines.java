package dev.doctor.plugins.sandboxdocker;

import dev.doctor.testkit.ScriptedCommandRunner;
import dev.doctor.testkit.TestCheckContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * For tests that script the engine's answers: placeholder {@code docker} and {@code podman} files
 * for the check to find on {@code PATH} (never run), and a runner that answers as a running engine.
 */
final class ScriptedEngines {

  final Path docker;
  final Path podman;
  final ScriptedCommandRunner runner = new ScriptedCommandRunner();
  private final Path bin;

  ScriptedEngines(Path bin) {
    this.bin = bin;
    this.docker = placeholder(bin, "docker");
    this.podman = placeholder(bin, "podman");
  }

  /** Both engines answer; only {@code images} and {@code networks} exist in them. */
  ScriptedEngines running(List<String> images, List<String> networks) {
    for (Path program : List.of(docker, podman)) {
      String p = program.toString();
      runner.on(p, "version", "--format", "{{.Server.Version}}").succeeds("28.2.2\n");
      runner.on(p, "info", "--format", "{{.Version.Version}}").succeeds("5.0.3\n");
      for (String image : images) {
        runner.on(p, "image", "inspect", "--format", "{{.Id}}", "--", image).succeeds("sha256:0f1e\n");
      }
      for (String network : networks) {
        runner.on(p, "network", "inspect", "--format", "{{.Name}}", "--", network).succeeds(network + "\n");
      }
      runner.onPrefix(p, "image", "inspect").exits(1, "", "Error response from daemon: No such image: scripted\n");
      runner.onPrefix(p, "network", "inspect").exits(1, "", "Error response from daemon: network scripted not found\n");
    }
    return this;
  }

  ScriptedEngines running(String... images) {
    return running(List.of(images), List.of());
  }

  TestCheckContext.Builder context(String config) {
    return TestCheckContext.builder().config(config).runner(runner).env("PATH", bin.toString());
  }

  /** The argv of each call, the program shortened to its name, sorted: runAll order is not promised. */
  List<String> calls() {
    return runner.calls().stream()
        .map(c -> Path.of(c.argv().get(0)).getFileName() + " " + String.join(" ", c.argv().subList(1, c.argv().size())))
        .sorted()
        .toList();
  }

  private static Path placeholder(Path bin, String name) {
    Path file = bin.resolve(name);
    try {
      Files.writeString(file, "#!/bin/sh\necho 'placeholder: the scripted runner answers instead' >&2\nexit 99\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
