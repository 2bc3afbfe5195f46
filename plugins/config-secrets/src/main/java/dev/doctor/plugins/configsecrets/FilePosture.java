package dev.doctor.plugins.configsecrets;

import static dev.doctor.plugins.configsecrets.ConfigSecretsCheck.FILE_PERMISSIONS;

import dev.doctor.api.Finding;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code file-permissions} findings: the state directory, and files that hold or may hold
 * credentials. Stateless apart from whom owners are compared with.
 */
final class FilePosture {

  private final String currentUser;

  FilePosture(String currentUser) {
    this.currentUser = currentUser;
  }

  /** The state directory should be 0700 and the user's own. */
  List<Finding> stateDir(Path stateDir) {
    var out = new ArrayList<Finding>();
    FileFacts dir = FileFacts.of(stateDir);
    if (dir.exists() && dir.directory()) {
      if (dir.openToOthers()) {
        Finding.Builder b = Finding.builder(FILE_PERMISSIONS, Severity.WARNING,
                "State directory " + stateDir + " is open to other users (mode " + dir.mode() + "); OpenClaw expects 0700")
            .file(stateDir)
            .evidence("mode", dir.mode())
            .evidence("owner", Redaction.shown(dir.owner()));
        b.remediation(dir.ownedBy(currentUser)
            ? Remediation.of("Close the state directory to other users; it holds credentials and session data.",
                "chmod 700 " + Redaction.shellQuote(stateDir.toString()))
            : Remediation.of("Have the directory's owner close it to other users (chmod 700)."));
        out.add(b.build());
      }
      if (!dir.ownedBy(currentUser)) {
        out.add(Finding.builder(FILE_PERMISSIONS, Severity.WARNING,
                "State directory " + stateDir + " is owned by " + Redaction.shown(dir.owner()) + ", not by " + Redaction.shown(currentUser))
            .file(stateDir)
            .evidence("owner", Redaction.shown(dir.owner()))
            .remediation(Remediation.of("Run doctor as the user the gateway runs as, or give the directory to that user."))
            .build());
      }
    }
    return out;
  }

  /**
   * One file: open modes, and for files holding credentials also hard links and a foreign owner;
   * for the config also a symlink. {@code configPath} is where the file is configured, if anywhere.
   */
  List<Finding> file(Path file, boolean config, boolean holdsSecrets, String configPath) {
    var out = new ArrayList<Finding>();
    FileFacts facts = FileFacts.of(file);
    if (!facts.exists()) {
      return out;
    }
    String shown = Redaction.shown(file.toString());
    if (config && facts.symlink()) {
      String target;
      try {
        target = Redaction.shown(file.toRealPath().toString());
      } catch (IOException | SecurityException e) {
        target = "unresolvable";
      }
      out.add(Finding.builder(FILE_PERMISSIONS, Severity.WARNING, "Config file " + shown + " is a symlink")
          .path(configPath)
          .file(file)
          .evidence("target", target)
          .remediation(Remediation.of("Keep the config as a regular file in the state directory: a link lets whoever controls the"
              + " target, or can swap the link, change the gateway's credentials and refs. OpenClaw's own writes replace the file"
              + " and may break the link."))
          .build());
    }
    if (facts.permissions() == null) {
      return out;
    }
    if (facts.groupReadable() || facts.worldReadable() || facts.groupOrWorldWritable()) {
      Severity severity = facts.worldReadable() && holdsSecrets ? Severity.ERROR : Severity.WARNING;
      String who = facts.worldReadable() ? "all users" : facts.groupReadable() ? "its group" : "other users (write)";
      String what = config ? "Config file" : "Credential file";
      out.add(Finding.builder(FILE_PERMISSIONS, severity,
              what + " " + shown + " is " + (facts.groupReadable() || facts.worldReadable() ? "readable" : "writable") + " by " + who
                  + " (mode " + facts.mode() + ")" + (holdsSecrets ? " and holds credentials" : ""))
          .path(configPath)
          .file(file)
          .evidence("mode", facts.mode())
          .evidence("owner", Redaction.shown(facts.owner()))
          .evidence("holds-credentials", String.valueOf(holdsSecrets))
          .remediation(facts.ownedBy(currentUser) && !facts.symlink()
              ? Remediation.of("Make the file private to its owner.", "chmod 600 " + Redaction.shellQuote(file.toString()))
              : Remediation.of("Have the file's owner make it private (chmod 600)."))
          .build());
    }
    if (holdsSecrets && facts.hardLinks() > 1) {
      out.add(Finding.builder(FILE_PERMISSIONS, Severity.WARNING,
              "File " + shown + " holds credentials and has " + facts.hardLinks() + " hard links")
          .path(configPath)
          .file(file)
          .evidence("hard-links", String.valueOf(facts.hardLinks()))
          .remediation(Remediations.breakHardLink(file))
          .build());
    }
    if (holdsSecrets && !facts.ownedBy(currentUser)) {
      out.add(Finding.builder(FILE_PERMISSIONS, Severity.WARNING,
              "File " + shown + " holds credentials and is owned by " + Redaction.shown(facts.owner()) + ", not by "
                  + Redaction.shown(currentUser))
          .path(configPath)
          .file(file)
          .evidence("owner", Redaction.shown(facts.owner()))
          .remediation(Remediation.of("Give the file to the user the gateway runs as (chown), keeping mode 0600; another owner can"
              + " read and replace the credentials."))
          .build());
    }
    return out;
  }
}
