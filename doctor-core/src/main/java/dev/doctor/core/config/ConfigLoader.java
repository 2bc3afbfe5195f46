package dev.doctor.core.config;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.GatewayConfig;
import dev.doctor.api.GatewayConfig.Status;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the gateway config file into a {@link GatewayConfig}. Never throws for a bad file: what
 * went wrong is a {@link Finding} in the result. Stateless and thread-safe.
 *
 * <p>Finding codes (API): {@value #PARSE_ERROR}, {@value #UNSUPPORTED}, {@value #UNREADABLE},
 * {@value #TOO_LARGE}.
 */
public final class ConfigLoader {

  /** Largest config read; a gateway config is a few KiB, so anything near this is the wrong file. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  /** The file is not valid JSON5; the gateway refuses it too. */
  public static final String PARSE_ERROR = "doctor.config-parse-error";

  /** The file is valid JSON5 that doctor cannot read (see {@link Json5Reader}). */
  public static final String UNSUPPORTED = "doctor.config-unsupported-json5";

  /** The file exists but cannot be read: permissions, a directory, not a regular file. */
  public static final String UNREADABLE = "doctor.config-unreadable";

  /** The file is larger than {@link #MAX_BYTES}. */
  public static final String TOO_LARGE = "doctor.config-too-large";

  /**
   * What loading gave.
   *
   * @param config never null; {@link Status#UNREADABLE} exactly when {@code problem} is present
   * @param problem why the file could not be used; never null
   */
  public record Loaded(GatewayConfig config, Optional<Finding> problem) {
    public Loaded {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(problem, "problem");
    }
  }

  private final long maxBytes;

  public ConfigLoader() {
    this(MAX_BYTES);
  }

  /** With a different size limit, so tests need not write 16 MiB. */
  ConfigLoader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Loads the file {@code locator} picks, given the {@code --config} option (nullable). */
  public Loaded load(ConfigLocator locator, Path explicitConfig) {
    return load(locator.configFile(explicitConfig), locator.stateDir());
  }

  /**
   * Loads {@code file}. Invalid UTF-8 is read with replacement characters, as the gateway (Node)
   * reads it; a UTF-8 byte order mark is skipped.
   *
   * @param file the config file; never null, need not exist
   * @param stateDir the OpenClaw state directory; never null
   */
  public Loaded load(Path file, Path stateDir) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(stateDir, "stateDir");
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return new Loaded(new GatewayConfig(file, stateDir, Status.MISSING, ConfigNode.emptyRoot(file)), Optional.empty());
    } catch (IOException e) {
      return unreadable(file, stateDir, e);
    }
    if (attributes.isDirectory()) {
      return problem(file, stateDir, Finding.builder(UNREADABLE, Severity.ERROR, "the gateway config " + file + " is a directory, not a file")
          .file(file)
          .remediation("The gateway reads its config from this path and cannot use a directory. Move the directory "
                  + "aside and put the config file there, or point " + ConfigLocator.CONFIG_PATH_ENV + " at the real file.",
              "ls -ld " + shellQuote(file)));
    }
    if (!attributes.isRegularFile()) {
      return problem(file, stateDir, Finding.builder(UNREADABLE, Severity.ERROR, "the gateway config " + file + " is not a regular file")
          .file(file)
          .remediation("Doctor reads only regular files (not pipes or devices). Point it at the config file itself.",
              "ls -l " + shellQuote(file)));
    }
    if (attributes.size() > maxBytes) {
      return tooLarge(file, stateDir, attributes.size());
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Bounded even if the file grows after the size check.
      bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
    } catch (IOException e) {
      return unreadable(file, stateDir, e);
    }
    if (bytes.length > maxBytes) {
      return tooLarge(file, stateDir, bytes.length);
    }
    try {
      ConfigNode root = Json5Reader.parse(new String(bytes, StandardCharsets.UTF_8), file);
      return new Loaded(new GatewayConfig(file, stateDir, Status.LOADED, root), Optional.empty());
    } catch (ConfigParseException e) {
      return problem(file, stateDir, parseFinding(file, e));
    }
  }

  private static Finding.Builder parseFinding(Path file, ConfigParseException e) {
    if (e.unsupportedByDoctor()) {
      return Finding.builder(UNSUPPORTED, Severity.WARNING, "doctor cannot read the gateway config at line " + e.line() + ", column " + e.column() + ": " + e.reason())
          .file(file)
          .location(e.line(), e.column())
          .remediation("The gateway accepts this, but doctor cannot check a config it cannot read. Rewrite the value at "
                  + "line " + e.line() + ", column " + e.column() + " as described, then run doctor again.",
              editCommand(file, e.line()));
    }
    return Finding.builder(PARSE_ERROR, Severity.ERROR, "the gateway config is not valid JSON5 at line " + e.line() + ", column " + e.column() + ": " + e.reason())
        .file(file)
        .location(e.line(), e.column())
        .remediation("Fix the syntax at line " + e.line() + ", column " + e.column() + " of " + file + ". The gateway "
                + "refuses to start with a config it cannot parse, and ignores edits it cannot parse while running. "
                + "OpenClaw may have kept an earlier copy beside it (" + file.getFileName() + ".bak). Then check it "
                + "with openclaw config validate.",
            editCommand(file, e.line()),
            "openclaw config validate");
  }

  private static Loaded unreadable(Path file, Path stateDir, IOException e) {
    if (e instanceof AccessDeniedException) {
      return problem(file, stateDir, Finding.builder(UNREADABLE, Severity.ERROR,
              "cannot read the gateway config " + file + ": permission denied")
          .file(file)
          .evidence("user", System.getProperty("user.name"))
          .remediation("Run doctor as the user that runs the gateway, who can read the file. Do not make the file "
                  + "readable by others: it holds secrets.",
              "ls -l " + shellQuote(file)));
    }
    String why = e instanceof FileSystemException fse && fse.getReason() != null
        ? fse.getReason()
        : e.getClass().getSimpleName();
    return problem(file, stateDir, Finding.builder(UNREADABLE, Severity.ERROR, "cannot read the gateway config " + file + ": " + why)
        .file(file)
        .remediation("Check that the path names a readable file.", "ls -l " + shellQuote(file)));
  }

  private Loaded tooLarge(Path file, Path stateDir, long size) {
    return problem(file, stateDir, Finding.builder(TOO_LARGE, Severity.ERROR,
            "the gateway config " + file + " is " + size + " bytes, over doctor's limit of " + maxBytes + " bytes")
        .file(file)
        .remediation("A gateway config is normally a few KiB, so this is probably not the right file. Check which file "
                + "OpenClaw uses.",
            "openclaw config file",
            "ls -l " + shellQuote(file)));
  }

  private static Loaded problem(Path file, Path stateDir, Finding.Builder finding) {
    return new Loaded(new GatewayConfig(file, stateDir, Status.UNREADABLE, ConfigNode.emptyRoot(file)), Optional.of(finding.build()));
  }

  /** Opens the user's editor at the line: safe to paste, and shows nothing of the file in the report. */
  private static String editCommand(Path file, int line) {
    return "\"${EDITOR:-vi}\" +" + Math.max(line, 1) + " " + shellQuote(file);
  }

  private static String shellQuote(Path file) {
    return "'" + file.toString().replace("'", "'\\''") + "'";
  }
}
