#!/usr/bin/env bash
# Runs the generated operation tests of real public descriptions against Prism's mock of each
# (after tests/real.sh has generated and checked them in target/real/ws) and prints, per spec:
# tests, exercised, passed, not exercised, and the commonest reasons of the failures.
# A measurement, not a gate: real descriptions carry examples that disagree with their own
# schemas (Prism answers with them, the client refuses them), so failures are reported, not
# fatal; a crate whose tests do not build, or a Prism that does not start, is an error.
# Run by .ci/run after tests/real.sh; by hand: bash tests/real_prism.sh [FIXTURE...]
# (PRISM_START_SECONDS, default 60, bounds Prism's start: Stripe's 4 MB description takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
root=target/real
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
  # The descriptions whose test binaries build in about a minute each; GitHub's and Stripe's
  # take several (and Prism minutes to load them).
  specs=(ory-hydra.json adyen-management.json oxide-nexus.json svix.json discord.json)
fi
prism=node_modules/.bin/prism
[ -x "$prism" ] || { echo "error: Prism is not installed: run npm ci" >&2; exit 1; }
port=4700
pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap stop EXIT
printf '%-24s %6s %10s %7s %14s\n' spec tests exercised passed "not exercised"
for spec in "${specs[@]}"; do
  name="real-${spec%.*}"; name="${name//./-}"
  log="$root/out/$name.prism-tests"
  RUSTFLAGS="-D warnings" cargo test -q --offline -p "$name" --test operations --no-run \
    --manifest-path "$root/ws/Cargo.toml" --target-dir "$root/target" 2>"$log.build" \
    || { cat "$log.build" >&2; echo "error: the operation tests of $name do not build" >&2; exit 1; }
  port=$((port + 1))
  "$prism" mock -h 127.0.0.1 -p "$port" "$root/specs/$spec" > "$log.prism" 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 $((${PRISM_START_SECONDS:-60} * 5))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then ready=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$ready" ] || { cat "$log.prism" >&2; echo "error: Prism did not start on $spec" >&2; exit 1; }
  TEST_API_BASE_URL="http://127.0.0.1:$port" timeout 600 cargo test -q --offline -p "$name" \
    --test operations --manifest-path "$root/ws/Cargo.toml" --target-dir "$root/target" \
    -- --test-threads=1 --nocapture > "$log" 2>&1 || true
  stop
  # The summary line of the (terse, -q) test run: `N passed; M failed; ...`.
  summary=$(grep -oE '[0-9]+ passed; [0-9]+ failed' "$log" | tail -n 1 || true)
  [ -n "$summary" ] || { tail -n 20 "$log" >&2; echo "error: the operation tests of $name did not finish" >&2; exit 1; }
  failed=$(echo "$summary" | awk '{print $3}')
  tests=$(echo "$summary" | awk '{print $1 + $3}')
  not_exercised=$(grep -c 'not exercised: ' "$log" || true)
  # A failing test printed its panic; a test that was not exercised passed without a request.
  passed=$(( tests - failed - not_exercised ))
  printf '%-24s %6s %10s %7s %14s\n' "$name" "$tests" "$(( tests - not_exercised ))" "$passed" "$not_exercised"
  # The failures' reasons without the call: the commonest three.
  grep -A1 "panicked at" "$log" | grep -v 'panicked at\|^--' \
    | sed -E 's/^[A-Z]+ [^ ]+ \([^)]*\): //; s/ at `[^`]*`//; s/\(body: .*//; s/violations: .*//' \
    | cut -c1-150 | sort | uniq -c | sort -rn | head -3 | sed 's/^/    failure: /' || true
done
