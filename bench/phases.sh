#!/usr/bin/env bash
# Where a full run's wall time goes, from the JVM's own clock: each phase ends when the first class
# of the next one loads (-Xlog:class+load with uptime stamps), through the launcher as users run
# it (AppCDS archive made by an untimed first run). Medians of N runs, in ms since JVM start.
#
#   phase                         ends when this class loads            what happens
#   JVM start                     dev.doctor.cli.Main                   the JVM boots
#   command line, plugin loading  dev.doctor.core.config.ConfigLocator  picocli builds its model and
#                                                                       parses on the main thread while
#                                                                       PF4J loads the plugins on another
#   checks, report                java.lang.Shutdown                    config, checks in parallel, report
#
# A phase whose class a command never loads (--version loads no ConfigLocator) is left out. Logging
# class loads costs a little, so the total is a few ms above an unlogged run's.
#
# Usage: bench/phases.sh [--dist DIR] [--runs N] [-- DOCTOR ARGS...]  (default args: a full run
# on bench/sample-openclaw.json)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
bench=$root/bench
dist=$root/doctor-cli/target/doctor
runs=10
while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/phases.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/measure.sh
. "$bench/measure.sh"
bench_setup bench/phases.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample_home "$work"
label="doctor $*"
[ $# -gt 0 ] || { set -- --config "$config"; label="doctor --config bench/sample-openclaw.json"; }
log=$work/classes.log
doctor=(env HOME="$home" OPENCLAW_STATE_DIR="$home/.openclaw" XDG_CACHE_HOME="$work/cache"
  DOCTOR_JAVA_OPTS="-Xlog:class+load=info:file=$log:uptime" "$dist/bin/doctor")
"${doctor[@]}" "$@" >/dev/null 2>&1 </dev/null || true # writes the AppCDS archive

markers=(dev.doctor.cli.Main dev.doctor.core.config.ConfigLocator java.lang.Shutdown)
declare -A at
for ((i = 0; i < runs; i++)); do
  rm -f "$log"
  "${doctor[@]}" "$@" >/dev/null 2>&1 </dev/null || true
  for m in "${markers[@]}"; do
    at[$m]+="$(awk -v c="$m" '$2 == c { gsub(/[][s]/, "", $1); printf "%.1f\n", $1 * 1000; exit }' "$log") "
  done
done

echo "### Phases of \`$label\` ($runs runs, medians, ms since JVM start)"
echo
echo "- load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| phase | ends at ms | takes ms |"
echo "| --- | ---: | ---: |"
names=("JVM start" "command line and plugin loading, side by side" "the rest until exit (config, checks, report)")
previous=0
for i in "${!markers[@]}"; do
  # shellcheck disable=SC2086
  [ -n "${at[${markers[$i]}]// /}" ] || continue
  # shellcheck disable=SC2086
  end=$(median ${at[${markers[$i]}]})
  echo "| ${names[$i]} | $end | $(awk -v a="$end" -v b="$previous" 'BEGIN { printf "%.1f", a - b }') |"
  previous=$end
done
