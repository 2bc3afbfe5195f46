package dev.doctor.plugins.configsecrets;

import dev.doctor.api.Remediation;
import java.nio.file.Path;

/** Remediations shared by several findings. */
final class Remediations {

  private Remediations() {}

  /**
   * How to break a hard link without changing the configured path, after OpenClaw's own recipe
   * (secretref-contract.md, "File provider"). Changing permissions does not help: the other names
   * keep pointing at the same inode.
   */
  static Remediation breakHardLink(Path path) {
    String p = Redaction.shellQuote(path.toString());
    return Remediation.of(
        "Replace the file with a private copy that has one link (the other names keep the old inode; delete them if they"
            + " are not needed). Run as the file's owner:",
        "cp -p " + p + " " + p + ".relink",
        "chmod 600 " + p + ".relink",
        "mv -f " + p + ".relink " + p);
  }

  /** Moving a plaintext credential out of a file OpenClaw reads. */
  static Remediation moveToSecretRef(String path, boolean knownField) {
    String target = path == null ? "the field" : path;
    return Remediation.of(
        (knownField ? "Move" : "If this is a credential, move") + " it out of the file and reference it instead: set " + target + " to an env ref such as \"${NAME}\" (or"
            + " {source, provider, id} for a file or exec provider) and keep the value in the gateway's environment or a"
            + " secret manager; `openclaw secrets configure` walks through it. Rotate the credential if this file was ever"
            + " shared, copied or committed.",
        "openclaw secrets configure");
  }
}
