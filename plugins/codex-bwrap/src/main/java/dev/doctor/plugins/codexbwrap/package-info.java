/** The {@code codex-bwrap} check: can Codex's bubblewrap sandbox start on this host, and if not, why and how to repair it? */
package dev.doctor.plugins.codexbwrap;
