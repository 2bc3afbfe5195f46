/** The {@code codex-bwrap} check: can Codex's bubblewrap sandbox create the namespaces it needs on this host? */
package dev.doctor.plugins.codexbwrap;
