/** The {@code sandbox-docker} check: can OpenClaw's Docker or Podman sandbox run on this host? */
package dev.doctor.plugins.sandboxdocker;
