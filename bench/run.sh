#!/usr/bin/env bash
# Whole-process benchmark of a built doctor distribution against baselines taken in the same run:
# `java -version` (the JVM floor) and bench/baseline-probes.sh (a shell script running the same
# external probes in parallel). Prints a Markdown table of medians and ratios.
#
# Usage: bench/run.sh [--dist DIR] [--runs N] [--warmup N] [--quick] [--check-targets] [--out FILE]
#   --dist DIR       the distribution (default: doctor-cli/target/doctor; build it with mvn package)
#   --runs N         timed runs per case (default 10; the issue asks for at least 5)
#   --warmup N       untimed runs first (default 2), after one run that lets the launcher write its
#                    AppCDS archive, as a user's first run does
#   --quick          one timed run, one warm-up, targets not checked: a smoke test of this script
#   --check-targets  exit 1 when the full run misses a target (median wall <= 250 ms, peak RSS <= 80 MiB)
#   --out FILE       also write the table to FILE
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
bench=$root/bench
dist=$root/doctor-cli/target/doctor
runs=10
warmup=2
check_targets=false
out=

while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --quick) runs=1; warmup=1; shift ;;
    --check-targets) check_targets=true; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/measure.sh
. "$bench/measure.sh"
bench_setup bench/run.sh
doctor=$dist/bin/doctor
[ -x "$doctor" ] || { echo "bench/run.sh: $doctor is missing" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample_home "$work"
SUMMARY=$work/summary
: >"$SUMMARY"

run_doctor=(env HOME="$home" OPENCLAW_STATE_DIR="$home/.openclaw" XDG_CACHE_HOME="$work/cache" "$doctor")
# A user's first run: the launcher writes its class-data archive (AppCDS) that later runs map.
"${run_doctor[@]}" --config "$config" >/dev/null 2>&1 </dev/null || true

echo "bench/run.sh: $runs timed runs after $warmup warm-up per case; dist $dist" >&2
measure "java -version" "$runs" "$warmup" "$java" -version
measure "baseline-probes.sh" "$runs" "$warmup" "$bench/baseline-probes.sh" "$config"
measure "doctor --version" "$runs" "$warmup" "${run_doctor[@]}" --version
measure "doctor (full run)" "$runs" "$warmup" "${run_doctor[@]}" --config "$config"
measure "doctor --format json" "$runs" "$warmup" "${run_doctor[@]}" --config "$config" --format json
for id in codex-bwrap sandbox-docker config-secrets; do
  measure "doctor --only $id" "$runs" "$warmup" "${run_doctor[@]}" --config "$config" --only "$id"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

floor=$(field "java -version" 2)
probes=$(field "baseline-probes.sh" 2)
table() {
  echo "### Whole process ($runs runs after $warmup warm-up, medians)"
  echo
  describe_machine "$java"
  echo "- load average (1, 5, 15 min) at end: $load_after"
  echo
  echo "| case | wall ms | min wall ms | CPU ms | peak RSS MiB | wall / java -version | wall / shell probes |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  while IFS='|' read -r name wall min cpu rss; do
    echo "| \`$name\` | $wall | $min | $cpu | $(mib "$rss") | $(ratio "$wall" "$floor") | $(ratio "$wall" "$probes") |"
  done <"$SUMMARY"
}
table
[ -z "$out" ] || table >"$out"

full_wall=$(field "doctor (full run)" 2)
full_rss=$(field "doctor (full run)" 5)
verdict=$(awk -v w="$full_wall" -v r="$full_rss" 'BEGIN {
  ok = (w <= 250) && (r == "n/a" || r <= 80 * 1024)
  printf "%s: full run %.0f ms (target <= 250), peak RSS %s MiB (target <= 80)", ok ? "targets met" : "targets MISSED", w, r == "n/a" ? "n/a" : sprintf("%.1f", r / 1024)
  exit ok ? 0 : 1 }') && met=true || met=false
echo
echo "$verdict"
if $check_targets && ! $met; then
  exit 1
fi
