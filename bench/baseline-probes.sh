#!/bin/sh
# The shell baseline of bench/run.sh: the external commands doctor's three built-in plugins run
# for bench/sample-openclaw.json, all started at once with & and collected with wait, plus the
# files they read. What doctor costs beyond this is the price of the JVM, plugins and reports.
#
# Usage: bench/baseline-probes.sh [CONFIG]
set -u
config=${1:-$(dirname "$0")/sample-openclaw.json}
bwrap=$(command -v bwrap || echo bwrap)
docker=$(command -v docker || echo docker)

# codex-bwrap: bwrap's version, bwrap with and without a network namespace, and unshare probes.
"$bwrap" --version &
"$bwrap" --new-session --die-with-parent --ro-bind / / --dev /dev --unshare-user --unshare-pid --proc /proc -- true &
"$bwrap" --new-session --die-with-parent --ro-bind / / --dev /dev --unshare-user --unshare-pid --unshare-net --proc /proc -- true &
unshare --user --map-root-user true &
unshare --user --map-root-user --net true &
unshare --user --map-root-user --mount true &
cat /proc/sys/user/max_user_namespaces /proc/sys/user/max_net_namespaces /proc/sys/user/max_mnt_namespaces \
  /proc/self/status /etc/os-release /proc/version &

# sandbox-docker: is the daemon there, and the sandbox image.
"$docker" version --format '{{.Server.Version}}' &
"$docker" image inspect --format '{{.Id}}' -- openclaw-sandbox:bookworm-slim &

# config-secrets: the file's mode and a scan for plaintext tokens and SecretRefs.
stat -c '%a %U' "$config" &
grep -Ec "sk-(ant|proj)-|ghp_|xox[bp]-|source: *'(env|file|exec)'" "$config" &

wait
