package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.Change;
import dev.doctor.api.CheckContext;
import dev.doctor.api.Command;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import dev.doctor.api.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repairs {@code doctor --fix} can make for missing images and networks, each a command the
 * engine runs: {@value #BUILD_IMAGE} builds OpenClaw's default image from the Dockerfile in
 * OpenClaw's docs (the npm-install way, Docker only), {@value #PULL_IMAGE} pulls any other image
 * from its registry, {@value #CREATE_NETWORK} creates a custom bridge network. None is safe to
 * apply unattended: they download, use disk, and change the engine. The commands are those the
 * check would have users run, with the engine found on {@code PATH} as the check found it.
 * Stateless.
 */
final class EngineFixes {

  static final String BUILD_IMAGE = SandboxDockerCheck.ID + ".build-image";
  static final String PULL_IMAGE = SandboxDockerCheck.ID + ".pull-image";
  static final String CREATE_NETWORK = SandboxDockerCheck.ID + ".create-network";

  /** Pulls and builds download hundreds of megabytes: minutes, not the checks' seconds. */
  static final Duration IMAGE_TIMEOUT = Duration.ofMinutes(10);
  static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(60);

  /**
   * OpenClaw's default sandbox image as its docs build it from an npm install
   * (gateway/sandboxing/images-and-setup.md, "Build the default image"), given on standard input.
   */
  static final String DEFAULT_DOCKERFILE = String.join("\n",
      "FROM debian:bookworm-slim",
      "ENV DEBIAN_FRONTEND=noninteractive",
      "RUN apt-get update && apt-get install -y --no-install-recommends \\",
      "  bash ca-certificates curl git jq python3 ripgrep \\",
      "  && rm -rf /var/lib/apt/lists/*",
      "RUN useradd --create-home --shell /bin/bash sandbox",
      "USER sandbox",
      "WORKDIR /home/sandbox",
      "CMD [\"sleep\", \"infinity\"]",
      "");

  private EngineFixes() {}

  static List<Fix> of(CheckContext ctx, List<Finding> findings, Map<String, String> env) {
    if (!ctx.config().usable()) {
      return List.of();
    }
    List<Requirement> requirements = Requirement.collect(
        SandboxSettings.read(ctx.config()).stream().filter(SandboxedAgent::applies).toList());
    List<Fix> fixes = new ArrayList<>();
    for (Finding f : findings) {
      boolean image = f.code().equals(SandboxDockerCheck.IMAGE_MISSING);
      if (!image && !f.code().equals(SandboxDockerCheck.NETWORK_MISSING)) {
        continue;
      }
      String name = f.evidence().get(image ? "image" : "network");
      Optional<Requirement> needed = requirements.stream()
          .filter(r -> r.kind().isImage() == image && r.name().equals(name) && f.message().contains(r.engine().displayName))
          .findFirst();
      if (needed.isEmpty()) {
        continue;
      }
      Engine engine = needed.get().engine();
      Optional<Path> program = ProgramLookup.find(engine.program, ctx.env("PATH").orElse(null), ctx.platform().os() == Platform.Os.WINDOWS);
      if (program.isEmpty()) {
        continue;
      }
      fix(f, engine, program.get(), name, image, env).ifPresent(fixes::add);
    }
    return fixes;
  }

  private static Optional<Fix> fix(Finding f, Engine engine, Path program, String name, boolean image, Map<String, String> env) {
    String cli = program.toString();
    if (!image) {
      if (!Remedies.shellSafe(name)) {
        return Optional.empty();
      }
      return Optional.of(Fix.builder(CREATE_NETWORK, engine.program + " network create --driver bridge " + name)
          .addresses(f)
          .change(new Change.RunCommand(command(env, NETWORK_TIMEOUT, cli, "network", "create", "--driver", "bridge", name)))
          .note("The sandboxes' containers are created on it from their next start; running ones keep their network.")
          .build());
    }
    if (name.equals(SandboxSettings.DEFAULT_IMAGE)) {
      if (engine != Engine.DOCKER) {
        return Optional.empty(); // Podman builds it from a source checkout only (see the finding's fix)
      }
      return Optional.of(Fix.builder(BUILD_IMAGE, "docker build -t " + name + " from the Dockerfile in OpenClaw's docs"
              + " (debian:bookworm-slim with bash, curl, git, jq, python3, ripgrep; downloads packages)")
          .addresses(f)
          .change(new Change.RunCommand(command(env, IMAGE_TIMEOUT, cli, "build", "-t", name, "-").withStdin(DEFAULT_DOCKERFILE)))
          .build());
    }
    if (name.equals(SandboxSettings.DEFAULT_COMMON_IMAGE) || name.equals(SandboxSettings.DEFAULT_BROWSER_IMAGE)
        || !Remedies.shellSafe(name)) {
      return Optional.empty(); // built from OpenClaw's sources, which doctor does not have
    }
    return Optional.of(Fix.builder(PULL_IMAGE, engine.program + " pull " + name + " (downloads it from its registry)")
        .addresses(f)
        .change(new Change.RunCommand(command(env, IMAGE_TIMEOUT, cli, "pull", name)))
        .note("If " + name + " is built locally rather than pulled, build it under exactly this name instead.")
        .build());
  }

  private static Command command(Map<String, String> env, Duration timeout, String... argv) {
    Command command = Command.of(argv).withTimeout(timeout);
    for (Map.Entry<String, String> e : env.entrySet()) {
      command = command.withEnv(e.getKey(), e.getValue());
    }
    return command;
  }
}
