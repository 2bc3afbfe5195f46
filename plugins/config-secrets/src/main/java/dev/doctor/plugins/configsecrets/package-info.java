/** The {@code config-secrets} check: plaintext credentials, SecretRefs that do not resolve, and file permissions. */
package dev.doctor.plugins.configsecrets;
