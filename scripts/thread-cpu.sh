#!/usr/bin/env bash
# Per-thread CPU of a running process, from the kernel's accounting.
#
#   scripts/thread-cpu.sh PID [SECONDS]
#
# Reads utime+stime of every thread in /proc/PID/task/*/stat, waits SECONDS
# (default 30), reads them again and prints each thread's CPU over the window
# as a percentage of one core, grouped by thread name, then the whole process.
# Threads that started or ended inside the window count from/until then.
set -euo pipefail

pid=${1:?usage: scripts/thread-cpu.sh PID [SECONDS]}
seconds=${2:-30}
ticks=$(getconf CLK_TCK)

# One line per thread: TID NAME TICKS. The name sits in parentheses and may hold spaces.
snapshot() {
  local stat tid rest name fields
  for stat in /proc/"$pid"/task/*/stat; do
    [ -r "$stat" ] || continue
    line=$(cat "$stat" 2>/dev/null) || continue
    tid=${line%% *}
    name=${line#*(}
    name=${name%)*}
    rest=${line##*) }
    read -r -a fields <<<"$rest"
    # After the name: state is field 3, utime 14, stime 15 (1-based in proc(5)).
    echo "$tid ${name// /_} $((fields[11] + fields[12]))"
  done
}

[ -d /proc/"$pid" ] || { echo "thread-cpu: no process $pid" >&2; exit 1; }
before=$(snapshot)
sleep "$seconds"
after=$(snapshot)

awk -v seconds="$seconds" -v ticks="$ticks" '
  NR == FNR { start[$1] = $3; next }
  {
    used = $3 - (($1 in start) ? start[$1] : 0)
    byName[$2] += used; threads[$2]++; total += used
  }
  END {
    for (name in byName)
      printf "  %-16s %2d thread(s) %6.2f %% (%.2f s)\n", name, threads[name], 100 * byName[name] / ticks / seconds, byName[name] / ticks
    printf "  %-16s            %6.2f %% (%.2f s CPU in %d s)\n", "process", 100 * total / ticks / seconds, total / ticks, seconds
  }' <(echo "$before") <(echo "$after")
