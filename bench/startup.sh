#!/usr/bin/env bash
# Startup tuning: the same two workloads (`--version` and a full run on the sample config) under
# JVM settings from none at all to the launcher's, with and without its AppCDS archive, and the
# one-off cost of the run that writes that archive. Prints a Markdown table of medians.
#
# Usage: bench/startup.sh [--dist DIR] [--runs N] [--warmup N] [--quick] [--out FILE]
#   (options as in bench/run.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
bench=$root/bench
dist=$root/doctor-cli/target/doctor
runs=10
warmup=2
out=

while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --quick) runs=1; warmup=1; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/startup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/measure.sh
. "$bench/measure.sh"
bench_setup bench/startup.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample_home "$work"
SUMMARY=$work/summary
: >"$SUMMARY"

env=(env HOME="$home" OPENCLAW_STATE_DIR="$home/.openclaw" XDG_CACHE_HOME="$work/cache")
main=(-Ddoctor.home="$dist" -cp "$dist/lib/*" dev.doctor.cli.Main)
# The launcher's flags before AppCDS (commit 593ca87), for the "before" rows.
before=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmx256m -Xshare:auto)
declare -A how=(
  ["no CDS at all (-Xshare:off)"]="${env[*]@Q} ${java@Q} ${before[*]@Q} -Xshare:off ${main[*]@Q}"
  ["JVM defaults (no flags)"]="${env[*]@Q} ${java@Q} ${main[*]@Q}"
  ["C1 only"]="${env[*]@Q} ${java@Q} -XX:TieredStopAtLevel=1 ${main[*]@Q}"
  ["launcher before: C1, SerialGC, -Xmx256m, JDK CDS"]="${env[*]@Q} ${java@Q} ${before[*]@Q} ${main[*]@Q}"
  ["launcher, DOCTOR_CDS=off"]="${env[*]@Q} DOCTOR_CDS=off ${dist@Q}/bin/doctor"
  ["launcher, JVM's compile thresholds (scaling 1)"]="${env[*]@Q} DOCTOR_JAVA_OPTS=-XX:CompileThresholdScaling=1 ${dist@Q}/bin/doctor"
  ["launcher, compile thresholds x4"]="${env[*]@Q} DOCTOR_JAVA_OPTS=-XX:CompileThresholdScaling=4 ${dist@Q}/bin/doctor"
  ["launcher + -XX:-UsePerfData"]="${env[*]@Q} DOCTOR_JAVA_OPTS=-XX:-UsePerfData ${dist@Q}/bin/doctor"
  ["launcher, no bytecode verification (diagnostic only)"]="${env[*]@Q} DOCTOR_JAVA_OPTS='-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote' ${dist@Q}/bin/doctor"
  ["launcher (AppCDS)"]="${env[*]@Q} ${dist@Q}/bin/doctor"
)
order=("no CDS at all (-Xshare:off)" "JVM defaults (no flags)" "C1 only" "launcher before: C1, SerialGC, -Xmx256m, JDK CDS"
  "launcher, DOCTOR_CDS=off" "launcher, JVM's compile thresholds (scaling 1)" "launcher, compile thresholds x4"
  "launcher + -XX:-UsePerfData" "launcher, no bytecode verification (diagnostic only)"
  "launcher (AppCDS)")

echo "bench/startup.sh: $runs timed runs after $warmup warm-up per case; dist $dist" >&2
measure "java -version" "$runs" "$warmup" "$java" -version
cmd=()
for variant in "${order[@]}"; do
  eval "cmd=(${how[$variant]})"
  # The launcher's first full run writes its archive; do it untimed, as a user's first run would.
  "${cmd[@]}" --config "$config" >/dev/null 2>&1 </dev/null || true
  measure "$variant|--version" "$runs" "$warmup" "${cmd[@]}" --version
  measure "$variant|full run" "$runs" "$warmup" "${cmd[@]}" --config "$config"
done
# The one run that writes the archive: each timed run starts from an empty cache.
# shellcheck disable=SC2016 # $1 and $@ are the inner shell's
measure "launcher, first run (writes the archive)|full run" "$runs" 0 \
  sh -c 'rm -rf "$1"; shift; exec "$@"' sh "$work/cache" "${env[@]}" "$dist/bin/doctor" --config "$config"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

floor=$(field "java -version" 2)
table() {
  echo "### Startup variants ($runs runs after $warmup warm-up, medians)"
  echo
  describe_machine "$java"
  echo "- load average (1, 5, 15 min) at end: $load_after"
  echo "- \`java -version\`: $floor ms wall, $(field "java -version" 4) ms CPU, $(mib "$(field "java -version" 5)") MiB"
  echo
  echo "| settings | workload | wall ms | min wall ms | CPU ms | peak RSS MiB | wall / launcher before | wall / java -version |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  grep -v '^java -version|' "$SUMMARY" | while IFS='|' read -r variant workload wall min cpu rss; do
    base=$(awk -F'|' -v w="$workload" '$1 == "launcher before: C1, SerialGC, -Xmx256m, JDK CDS" && $2 == w { print $3 }' "$SUMMARY")
    echo "| $variant | $workload | $wall | $min | $cpu | $(mib "$rss") | $(ratio "$wall" "$base") | $(ratio "$wall" "$floor") |"
  done
}
table
[ -z "$out" ] || table >"$out"
