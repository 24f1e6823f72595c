#!/usr/bin/env bash
# Generates every real public description of tests/specs/public/ (README.md there says where each
# comes from) with the openapi-gen command (release build) and checks the crates with warnings
# denied, in one workspace under target/real (its own target dir; the main workspace's Cargo.lock
# pins the same versions). Prints a table per spec: operations, types, generation time, check
# time, and its warnings by kind; crates split into a feature per resource are also checked with
# none and with one resource. Run by .ci/run; by hand: bash tests/real.sh [FIXTURE...]
# (by default every fixture; GitHub's 13 MB description takes the longest check, about 2.5 min).
set -euo pipefail
cd "$(dirname "$0")/.."
root=target/real
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
  specs=(discord.json openai.yaml svix.json adyen-management.json oxide-nexus.json stripe.json
    ory-hydra.json api.github.com.json)
fi
rm -rf "$root/ws" "$root/out"
mkdir -p "$root/specs" "$root/ws" "$root/out"
cargo build -q --release -p openapi-gen-cli
cli=target/release/openapi-gen
ms() { date +%s%3N; }

crate() { local name="real-${1%.*}"; echo "${name//./-}"; }
members=()
for spec in "${specs[@]}"; do members+=("$(crate "$spec")"); done
# Written first, so that the command finds each crate a member of this workspace.
printf '[workspace]\nresolver = "2"\nmembers = ["real-*"]\n' > "$root/ws/Cargo.toml"
cp Cargo.lock "$root/ws/Cargo.lock"

for spec in "${specs[@]}"; do
  name=$(crate "$spec")
  gzip -dc "tests/specs/public/$spec.gz" > "$root/specs/$spec"
  start=$(ms)
  if ! "$cli" --spec "$root/specs/$spec" --out "$root/ws/$name" --crate-name "$name" \
    > "$root/out/$name.stdout" 2> "$root/out/$name.stderr"; then
    cat "$root/out/$name.stderr" >&2
    echo "error: $spec does not generate" >&2
    exit 1
  fi
  echo $(( $(ms) - start )) > "$root/out/$name.gen-ms"
done

# One crate at a time, to time each; the first also builds the shared dependencies.
for name in "${members[@]}"; do
  start=$(ms)
  RUSTFLAGS="-D warnings" cargo check -q --offline -p "$name" --tests \
    --manifest-path "$root/ws/Cargo.toml" --target-dir "$root/target"
  echo $(( $(ms) - start )) > "$root/out/$name.check-ms"
done

seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
printf '\n%-24s %10s %7s %9s %9s %10s\n' spec operations types warnings generate check
for name in "${members[@]}"; do
  # The CLI's last line: `N operations, N types, N warnings`.
  read -r ops _ types _ warnings _ < <(tail -n 1 "$root/out/$name.stdout" | tr -d ',')
  printf '%-24s %10s %7s %9s %9s %10s\n' "$name" "$ops" "$types" "$warnings" \
    "$(seconds "$(cat "$root/out/$name.gen-ms")")" "$(seconds "$(cat "$root/out/$name.check-ms")")"
done
echo "(the first check includes the dependencies shared by all)"
for name in "${members[@]}"; do
  kinds=$(grep -o '^warning\[[^]]*\]' "$root/out/$name.stderr" | sed 's/^warning\[\(.*\)\]$/\1/' \
    | sort | uniq -c | sort -rn | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }' || true)
  echo "$name warnings by kind: ${kinds:-none}"
done

# A crate split into a cargo feature per resource (from 100 operations on) also checks, tests
# included, with no resource and with its first resource alone: any combination must build.
for name in "${members[@]}"; do
  manifest="$root/ws/$name/Cargo.toml"
  grep -q '^full = ' "$manifest" || continue
  first=$(grep '^full = ' "$manifest" | grep -o '"[^"]*"' | head -n 1 | tr -d '"')
  for features in rustls-tls "rustls-tls,$first"; do
    RUSTFLAGS="-D warnings" cargo check -q --offline -p "$name" --tests --no-default-features \
      --features "$features" --manifest-path "$root/ws/Cargo.toml" --target-dir "$root/target" \
      || { echo "error: $name does not check with features $features" >&2; exit 1; }
  done
  echo "$name checks with no resource and with \`$first\` alone"
done
echo "real crates check warning-free: ${members[*]}"
