# shellcheck shell=bash
# Sourced by the bench scripts: run a command several times and report medians.
#
# Wall time comes from bash's EPOCHREALTIME around the command (microseconds, no extra fork);
# CPU time (user + sys of the command and its children) from bash's `time`; peak RSS from GNU
# time's %M when /usr/bin/time is installed (Debian package `time`), else "n/a". The command's
# stdout and stderr are thrown away; an exit code above `max_ok_exit` (default 1: doctor exits 1
# when it finds something, which is the point of the sample config) fails the measurement.
#
# Results go to the global arrays WALL_MS, CPU_MS and RSS_KB of the last call, and one summary
# line ("name|wall|min|cpu|rss") is appended to $SUMMARY. With RUN_STDOUT set to a file, each
# run's stdout lands there, and the command named by EACH_RUN (if any) runs after each timed run.

: "${max_ok_exit:=1}"

# bench_setup NAME: what every bench script does once its options are read. Makes $dist absolute
# (or exits 2 naming NAME), picks $java (JAVA_HOME's, else PATH's) and notes LOAD_AT_START.
bench_setup() {
  local given=$dist
  dist=$(cd "$given" 2>/dev/null && pwd -P) || { echo "$1: no distribution at $given; run mvn -DskipTests package" >&2; exit 2; }
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; else java=java; fi
  LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
}

if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  GNU_TIME=/usr/bin/time
else
  GNU_TIME=
fi

# median VALUE... -> the middle value (mean of the two middle ones for an even count), 1 decimal
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

minimum() {
  printf '%s\n' "$@" | sort -g | head -n 1
}

# One run of "$@"; sets RUN_WALL_MS, RUN_CPU_MS, RUN_RSS_KB.
measure_once() {
  local timing rss_file rc rc_note start end
  rss_file=$(mktemp)
  local TIMEFORMAT='%3U %3S'
  start=$EPOCHREALTIME
  if [ -n "$GNU_TIME" ]; then
    timing=$( { time "$GNU_TIME" -f %M -o "$rss_file" "$@" </dev/null >"${RUN_STDOUT:-/dev/null}" 2>/dev/null; } 2>&1 ) && rc=0 || rc=$?
  else
    timing=$( { time "$@" </dev/null >"${RUN_STDOUT:-/dev/null}" 2>/dev/null; } 2>&1 ) && rc=0 || rc=$?
  fi
  end=$EPOCHREALTIME
  # GNU time prefixes "Command exited with non-zero status N" to its output file.
  rc_note=$(grep -o 'non-zero status [0-9]*' "$rss_file" 2>/dev/null | awk '{print $3}')
  [ -n "$rc_note" ] && rc=$rc_note
  if [ "$rc" -gt "$max_ok_exit" ]; then
    echo "bench: '$*' exited with $rc" >&2
    "$@" >&2 || true
    rm -f "$rss_file"
    return 1
  fi
  RUN_WALL_MS=$(awk -v s="${start/,/.}" -v e="${end/,/.}" 'BEGIN { printf "%.1f", (e - s) * 1000 }')
  RUN_CPU_MS=$(echo "$timing" | tail -n 1 | awk '{ printf "%.0f", ($1 + $2) * 1000 }')
  RUN_RSS_KB=$(tail -n 1 "$rss_file" 2>/dev/null | grep -E '^[0-9]+$' || echo n/a)
  rm -f "$rss_file"
}

# measure NAME RUNS WARMUP CMD... : WARMUP untimed runs, then RUNS timed ones.
measure() {
  local name=$1 runs=$2 warmup=$3 i
  shift 3
  for ((i = 0; i < warmup; i++)); do
    measure_once "$@" || return 1
  done
  WALL_MS=() CPU_MS=() RSS_KB=()
  for ((i = 0; i < runs; i++)); do
    measure_once "$@" || return 1
    [ -z "${EACH_RUN:-}" ] || "$EACH_RUN"
    WALL_MS+=("$RUN_WALL_MS") CPU_MS+=("$RUN_CPU_MS") RSS_KB+=("$RUN_RSS_KB")
  done
  local rss=n/a
  if [ "${RSS_KB[0]}" != n/a ]; then
    rss=$(median "${RSS_KB[@]}")
  fi
  echo "$name|$(median "${WALL_MS[@]}")|$(minimum "${WALL_MS[@]}")|$(median "${CPU_MS[@]}")|$rss" >>"$SUMMARY"
}

# field NAME COLUMN -> a column of NAME's summary line (2 wall, 3 min wall, 4 cpu, 5 rss KB)
field() {
  awk -F'|' -v n="$1" -v c="$2" '$1 == n { print $c }' "$SUMMARY"
}

# ratio A B -> A / B to 2 decimals
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}

mib() {
  awk -v k="$1" 'BEGIN { if (k == "n/a") print "n/a"; else printf "%.1f", k / 1024 }'
}

# The machine, for the top of a results table.
describe_machine() {
  local java=$1
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- host: $(uname -sr), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null) RAM"
  echo "- java: $("$java" -version 2>&1 | sed -n 2p)"
  echo "- load average (1, 5, 15 min) at start: ${LOAD_AT_START:-$(cut -d' ' -f1-3 /proc/loadavg)}"
  if [ -n "$GNU_TIME" ]; then
    echo "- peak RSS: from GNU time (%M)"
  else
    echo "- peak RSS: not measured (install GNU time)"
  fi
}

# sample_home DIR: a throwaway home in DIR for doctor runs: the sample config where the gateway
# keeps it (mode 0600). Sets $home and $config.
sample_home() {
  home=$1/home
  mkdir -p "$home/.openclaw"
  config=$home/.openclaw/openclaw.json
  cp "$(dirname "${BASH_SOURCE[0]}")/sample-openclaw.json" "$config"
  chmod 600 "$config"
}
