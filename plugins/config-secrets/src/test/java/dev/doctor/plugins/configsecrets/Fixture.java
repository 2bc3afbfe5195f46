package dev.doctor.plugins.configsecrets;

import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.testkit.CheckResults;
import dev.doctor.testkit.TestCheckContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A real OpenClaw state directory in a temp dir, and helpers to run the check against it. */
final class Fixture {

  final Path stateDir;

  Fixture(Path tmp) {
    stateDir = tmp.resolve("state");
    try {
      Files.createDirectories(stateDir);
      Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path configFile() {
    return stateDir.resolve("openclaw.json");
  }

  /** Writes {@code relative} under the state dir with mode {@code perms} (e.g. {@code rw-------}). */
  Path write(String relative, String content, String perms) {
    return writeAt(stateDir.resolve(relative), content, perms);
  }

  static Path writeAt(Path file, String content, String perms) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path config(String json5) {
    return write("openclaw.json", json5, "rw-------");
  }

  /** A context over the real config file (LOADED, or MISSING when absent). */
  TestCheckContext.Builder context() {
    return TestCheckContext.builder().stateDir(stateDir).configFile(configFile());
  }

  /** A context whose host could not parse the config (the file is still there to be read as text). */
  TestCheckContext.Builder unreadableContext() {
    return TestCheckContext.builder()
        .stateDir(stateDir)
        .config(new GatewayConfig(configFile(), stateDir, GatewayConfig.Status.UNREADABLE, ConfigNode.emptyRoot(configFile())));
  }

  static CheckResult run(CheckContext ctx) {
    return new ConfigSecretsCheck().run(ctx);
  }

  static List<Finding> findings(CheckResult result, String code) {
    return CheckResults.findings(result).stream().filter(f -> f.code().equals(code)).toList();
  }

  static Finding at(CheckResult result, String code, String path) {
    List<Finding> matching = findings(result, code).stream().filter(f -> path.equals(f.path())).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + code + " at " + path + " but got " + matching.size() + " in " + describe(result));
    }
    return matching.get(0);
  }

  static String describe(CheckResult result) {
    var sb = new StringBuilder(CheckResults.describe(result));
    for (Finding f : CheckResults.findings(result)) {
      sb.append("\n  ").append(f.code()).append(' ').append(f.severity()).append(' ').append(f.path()).append(" @")
          .append(f.line()).append(':').append(f.column()).append(" | ").append(f.message()).append(" | ").append(f.evidence());
    }
    return sb.toString();
  }
}
