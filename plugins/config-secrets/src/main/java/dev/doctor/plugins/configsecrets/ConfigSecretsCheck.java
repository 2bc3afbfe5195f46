package dev.doctor.plugins.configsecrets;

import dev.doctor.api.Check;
import dev.doctor.api.CheckContext;
import dev.doctor.api.CheckResult;
import dev.doctor.api.Finding;
import dev.doctor.api.Fix;
import java.util.List;
import org.pf4j.Extension;

/**
 * Finds plaintext credentials, SecretRefs that are malformed or do not resolve, and unsafe
 * permissions on the gateway's config and credential files, without ever showing a secret: findings
 * name the detector, the length and the place, never the value or any part of it beyond a public
 * vendor prefix. Stateless; safe to run from any thread.
 */
@Extension
public final class ConfigSecretsCheck implements Check {

  public static final String ID = "config-secrets";
  /** A credential stored as plaintext. */
  public static final String PLAINTEXT = ID + ".plaintext";
  /** A value copied from redacted output ({@code __OPENCLAW_REDACTED__}) where a credential belongs. */
  public static final String REDACTED_SENTINEL = ID + ".redacted-sentinel";
  /** A well-formed SecretRef that does not resolve. */
  public static final String UNRESOLVED_REF = ID + ".unresolved-ref";
  /** A SecretRef that breaks the contract, or names a provider that is not configured. */
  public static final String INVALID_REF = ID + ".invalid-ref";
  /** Config, credential or secret files (or the state directory) open to other users, linked or foreign-owned. */
  public static final String FILE_PERMISSIONS = ID + ".file-permissions";

  private final String currentUser;

  /** Used by PF4J. */
  public ConfigSecretsCheck() {
    this(System.getProperty("user.name"));
  }

  /** For tests: {@code currentUser} is who file owners are compared with. */
  ConfigSecretsCheck(String currentUser) {
    this.currentUser = currentUser;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Secrets in the gateway config";
  }

  @Override
  public String description() {
    return "Looks for plaintext credentials in openclaw.json, .env, auth-profiles.json and models.json, checks that every"
        + " SecretRef is well formed and resolves (exec providers run only with --allow-exec), and checks the permissions of"
        + " those files and the state directory. Never shows a secret.";
  }

  @Override
  public CheckResult run(CheckContext context) {
    return new SecretScan(context, CredentialMatrix.load(context::parseJson5), currentUser).run();
  }

  /**
   * Tightens file modes, and moves plaintext credentials of the config into a 0600 secrets file
   * behind a file SecretRef (or an env ref the user names with {@code --secret-env PATH=NAME});
   * see {@link SecretFixes}. The check runs again afterwards, which re-audits every ref.
   */
  @Override
  public List<Fix> fixes(CheckContext context, List<Finding> findings) {
    return SecretFixes.of(context, findings, currentUser);
  }
}
