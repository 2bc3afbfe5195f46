package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.Remediation;
import java.util.List;
import java.util.regex.Pattern;

/** Remediations that depend on a name from the config (an image, a network). Stateless. */
final class Remedies {

  // Only names made of these characters go into a copyable command: nothing a shell would expand.
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./:@+=,%-]*");

  private Remedies() {}

  /** Whether {@code word} can be pasted into a shell command as it stands. */
  static boolean shellSafe(String word) {
    return SHELL_SAFE.matcher(word).matches() || (word.startsWith("/") && SHELL_SAFE.matcher(word.substring(1)).matches());
  }

  /** How to get a missing image into the engine's store: the build or pull that fits the name. */
  static Remediation missingImage(Engine engine, String image) {
    if (image.equals(SandboxSettings.DEFAULT_IMAGE)) {
      String text = engine == Engine.DOCKER
          ? "OpenClaw neither pulls nor builds this image, and it does not fall back to debian:bookworm-slim."
              + " Build it: from an OpenClaw source checkout run scripts/sandbox-setup.sh; from an npm install use"
              + " the docker build -t openclaw-sandbox:bookworm-slim command in OpenClaw's docs"
              + " (gateway/sandboxing/images-and-setup)."
          : "OpenClaw neither pulls nor builds this image. Build it into the Podman store from an OpenClaw source"
              + " checkout: podman build -t openclaw-sandbox:bookworm-slim -f scripts/docker/sandbox/Dockerfile .";
      return Remediation.of(text);
    }
    if (image.equals(SandboxSettings.DEFAULT_COMMON_IMAGE)) {
      return Remediation.of(
          "Build the default image first, then from an OpenClaw source checkout run"
              + " scripts/sandbox-common-setup.sh (or " + engine.program + " build -t " + image
              + " -f Dockerfile.common . with Dockerfile.common and package.json from the same OpenClaw release).");
    }
    if (image.equals(SandboxSettings.DEFAULT_BROWSER_IMAGE)) {
      return Remediation.of(
          "Build it from an OpenClaw source checkout with scripts/sandbox-browser-setup.sh; the npm package does"
              + " not ship the browser Dockerfile. Or turn the sandbox browser off (browser.enabled: false).");
    }
    String text = "Pull the image if it comes from a registry, or build it under exactly this name; the name in the"
        + " config must match the tag in the " + engine.displayName + " image store.";
    return shellSafe(image)
        ? Remediation.of(text, engine.program + " pull " + image)
        : Remediation.of(text);
  }

  /** How to create a missing custom network, or pick a built-in one. */
  static Remediation missingNetwork(Engine engine, String network) {
    String text = "OpenClaw passes docker.network to the engine as it is and does not create it. Create it as a"
        + " bridge network, or set docker.network to \"none\" (no egress, the default) or \"bridge\".";
    return shellSafe(network)
        ? new Remediation(text, List.of(engine.program + " network create --driver bridge " + network))
        : Remediation.of(text);
  }
}
