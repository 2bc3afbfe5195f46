#!/usr/bin/env bash
# Scale: N synthetic plugins of M checks each (bench/SyntheticPlugins.java: real jars, compiled
# with PF4J's annotation processor), run by a built distribution. Prints a Markdown table.
#
#   whole run        wall time of `doctor` over N x M checks that each run `true` (target <= 1.5 s
#                    for 100 x 5 on 2 cores)
#   runner overhead  per check, from doctor's own clock (the JSON report's durationMs, which spans
#                    config loading and the runner, not JVM start or plugin loading): checks that
#                    return at once, minus a run of no checks, over N x M (target <= 1 ms)
#   process check    the same for checks that each run `true`: what a check with one real process
#                    costs the run
#   plugin loading   per plugin, from wall time: `doctor plugins` (loads, starts and collects the
#                    checks of every jar) over N jars minus over none, over N (target <= 3 ms)
#
# Usage: bench/scale.sh [--dist DIR] [--plugins N] [--checks M] [--runs R] [--warmup W] [--quick] [--out FILE]
#   defaults: 100 plugins, 5 checks, 5 runs after 1 warm-up; --quick: 1 run, 1 warm-up
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
bench=$root/bench
dist=$root/doctor-cli/target/doctor
plugins=100
checks=5
runs=5
warmup=1
out=

while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$2; shift 2 ;;
    --plugins) plugins=$2; shift 2 ;;
    --checks) checks=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --quick) runs=1; warmup=1; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/scale.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/measure.sh
. "$bench/measure.sh"
bench_setup bench/scale.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SUMMARY=$work/summary
: >"$SUMMARY"
total=$((plugins * checks))

echo "bench/scale.sh: generating $plugins plugins x $checks checks, twice..." >&2
gen_started=$EPOCHREALTIME
"$java" "$bench/SyntheticPlugins.java" "$work/true" "$plugins" "$checks" true "$dist/lib"
"$java" "$bench/SyntheticPlugins.java" "$work/none" "$plugins" "$checks" none "$dist/lib"
gen_s=$(awk -v s="${gen_started/,/.}" -v e="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f", e - s }')
mkdir "$work/empty"
echo '{}' >"$work/openclaw.json"

doctor=(env XDG_CACHE_HOME="$work/cache" OPENCLAW_STATE_DIR="$work/state" "$dist/bin/doctor")
run=(--config "$work/openclaw.json" --format json --fail-on never)
"${doctor[@]}" --plugins-dir "$work/none" "${run[@]}" >/dev/null 2>&1 || true # writes the launcher's CDS archive

# The JSON report's durationMs of each timed run, kept per case in $work/durations.<case>.
RUN_STDOUT=$work/stdout
keep_duration() {
  grep -m 1 -o '"durationMs" *: *[0-9]*' "$RUN_STDOUT" | grep -o '[0-9]*$' >>"$work/durations.$case"
}
EACH_RUN=keep_duration
timed() {
  case=$1
  shift
  measure "$case" "$runs" "$warmup" "$@"
}
echo "bench/scale.sh: $runs timed runs after $warmup warm-up per case" >&2
timed "no checks" "${doctor[@]}" --plugins-dir "$work/empty" "${run[@]}"
timed "$plugins x $checks, return at once" "${doctor[@]}" --plugins-dir "$work/none" "${run[@]}"
timed "$plugins x $checks, return at once, --jobs 1" "${doctor[@]}" --plugins-dir "$work/none" "${run[@]}" --jobs 1
timed "$plugins x $checks, each runs true" "${doctor[@]}" --plugins-dir "$work/true" "${run[@]}"
EACH_RUN=
RUN_STDOUT=
measure "doctor plugins, no jars" "$runs" "$warmup" "${doctor[@]}" --plugins-dir "$work/empty" plugins
measure "doctor plugins, $plugins jars" "$runs" "$warmup" "${doctor[@]}" --plugins-dir "$work/none" plugins
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

duration() {
  # shellcheck disable=SC2046
  median $(cat "$work/durations.$1")
}
per() { # per DELTA COUNT -> DELTA / COUNT, 2 decimals
  awk -v d="$1" -v n="$2" 'BEGIN { printf "%.2f", d / n }'
}
base=$(duration "no checks")
none=$(duration "$plugins x $checks, return at once")
none1=$(duration "$plugins x $checks, return at once, --jobs 1")
with_true=$(duration "$plugins x $checks, each runs true")
overhead=$(per "$(awk -v a="$none" -v b="$base" 'BEGIN { print a - b }')" "$total")
overhead1=$(per "$(awk -v a="$none1" -v b="$base" 'BEGIN { print a - b }')" "$total")
process=$(per "$(awk -v a="$with_true" -v b="$base" 'BEGIN { print a - b }')" "$total")
loading=$(per "$(awk -v a="$(field "doctor plugins, $plugins jars" 2)" -v b="$(field "doctor plugins, no jars" 2)" 'BEGIN { print a - b }')" "$plugins")
whole=$(field "$plugins x $checks, each runs true" 2)

table() {
  echo "### Scale: $plugins plugins x $checks checks ($runs runs after $warmup warm-up, medians)"
  echo
  describe_machine "$java"
  echo "- load average (1, 5, 15 min) at end: $load_after"
  echo "- generating the $((2 * plugins)) jars took $gen_s s"
  echo
  echo "| case | wall ms | min wall ms | CPU ms | peak RSS MiB | report durationMs |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  while IFS='|' read -r name wall min cpu rss; do
    d=n/a
    [ -s "$work/durations.$name" ] && d=$(duration "$name")
    echo "| $name | $wall | $min | $cpu | $(mib "$rss") | $d |"
  done <"$SUMMARY"
  echo
  echo "| measure | value | target |"
  echo "| --- | ---: | ---: |"
  echo "| whole run, $plugins x $checks checks each running \`true\` | $whole ms | <= 1500 ms |"
  echo "| runner overhead per check (default --jobs, $(nproc) cores) | $overhead ms | <= 1 ms |"
  echo "| runner overhead per check, --jobs 1 | $overhead1 ms | |"
  echo "| run time per check running \`true\` (default --jobs) | $process ms | |"
  echo "| plugin loading per plugin | $loading ms | <= 3 ms |"
}
table
[ -z "$out" ] || table >"$out"
