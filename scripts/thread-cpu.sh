#!/usr/bin/env bash
# Per-thread CPU and wake-ups of a running process, from the kernel's accounting.
#
#   scripts/thread-cpu.sh PID [SECONDS]
#
# Reads every thread's run time (/proc/PID/task/*/schedstat, in nanoseconds; utime+stime
# from .../stat, in 10 ms ticks, where the kernel has no schedstat) and its context
# switches (voluntary + involuntary, from .../status: how often it went to sleep or was
# preempted, i.e. its wake-ups), waits SECONDS (default 30), reads them again and prints
# each thread's CPU over the window as a percentage of one core and its wake-ups per
# second, grouped by thread name, then the whole process.
# Threads that started or ended inside the window count from/until then.
set -euo pipefail

pid=${1:?usage: scripts/thread-cpu.sh PID [SECONDS]}
seconds=${2:-30}
ticks=$(getconf CLK_TCK)

# One line per thread: TID NAME NANOSECONDS SWITCHES. The name sits in parentheses and may hold spaces.
snapshot() {
  local task stat tid rest name fields ns switches
  for task in /proc/"$pid"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    tid=${stat%% *}
    name=${stat#*(}
    name=${name%)*}
    if ns=$(cut -d' ' -f1 "$task/schedstat" 2>/dev/null) && [ -n "$ns" ]; then :; else
      rest=${stat##*) }
      read -r -a fields <<<"$rest"
      # After the name: utime is field 14, stime 15 (1-based in proc(5)).
      ns=$(( (fields[11] + fields[12]) * 1000000000 / ticks ))
    fi
    switches=$(awk '/^(non)?voluntary_ctxt_switches/ { n += $2 } END { print n + 0 }' "$task/status" 2>/dev/null || echo 0)
    echo "$tid ${name// /_} $ns $switches"
  done
}

[ -d /proc/"$pid" ] || { echo "thread-cpu: no process $pid" >&2; exit 1; }
before=$(snapshot)
sleep "$seconds"
after=$(snapshot)

awk -v seconds="$seconds" '
  NR == FNR { start[$1] = $3; switches[$1] = $4; next }
  {
    used = $3 - (($1 in start) ? start[$1] : 0)
    woke = $4 - (($1 in switches) ? switches[$1] : 0)
    byName[$2] += used; wakes[$2] += woke; threads[$2]++; total += used; allWakes += woke
  }
  END {
    for (name in byName)
      printf "  %-16s %2d thread(s) %6.2f %% (%.2f s) %7.1f wakes/s\n", name, threads[name], 100 * byName[name] / 1e9 / seconds, byName[name] / 1e9, wakes[name] / seconds
    printf "  %-16s            %6.2f %% (%.2f s CPU in %d s) %7.1f wakes/s\n", "process", 100 * total / 1e9 / seconds, total / 1e9, seconds, allWakes / seconds
  }' <(echo "$before") <(echo "$after")
