#!/usr/bin/env bash
# Measures the figures README.md gives next to `cargo test --workspace`: a cold run (empty
# target/), then a warm one (nothing changed), each with wall and CPU time (user + sys of cargo
# and everything it starts), and the size of target/ and of target/corpus/ afterwards.
#
#   bash tests/measure.sh           # the whole workspace; DELETES target/ first
#   bash tests/measure.sh corpus    # only the corpus test (tests/tests/corpus.rs); deletes
#                                   # target/corpus/ first, builds the rest if needed beforehand
#
# Wall time depends on what else the machine is doing, so the load (`uptime`) is printed before
# and after each run, and CPU time is the figure to compare between machines with the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-workspace}
case "$what" in
  workspace) cmd=(cargo test --workspace) ;;
  corpus) cmd=(cargo test -p whop-products-tests --test corpus) ;;
  *) echo "usage: bash tests/measure.sh [workspace|corpus]" >&2; exit 2 ;;
esac

TIMEFORMAT='%R s wall, %U s user, %S s sys'
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {
  echo "== $1: ${cmd[*]}  ($(nproc) cores; load before:$(uptime | sed 's/.*load average://'))"
  # `time` reports on stderr after the command; cargo's own output goes to the log.
  { time "${cmd[@]}" >"$log" 2>&1; } 2>&1 || { tail -n 40 "$log"; echo "error: ${cmd[*]} failed" >&2; exit 1; }
  echo "   load after:$(uptime | sed 's/.*load average://')"
  grep -E '^test result:' "$log" | awk '{p+=$4; f+=$6; i+=$8} END {print "   tests: " p " passed, " f " failed, " i " ignored"}'
  # Separately: one `du` counts a directory once, so target/corpus would vanish from target's line.
  echo "   disk: $(du -sh target | cut -f1) in target/, $(du -sh target/corpus 2>/dev/null | cut -f1) of it in target/corpus/"
}

if [ "$what" = workspace ]; then
  rm -rf target
else
  # Everything but the corpus workspace built first, so that only the corpus is measured.
  cargo test -p whop-products-tests --test corpus --no-run >/dev/null 2>&1
  rm -rf target/corpus
fi
run cold
run warm
