#!/usr/bin/env bash
# Generates the real OpenAPI 3.1 descriptions of tests/specs/public/ (Discord, OpenAI, Svix) with
# the openapi-gen command and checks the crates and their generated operation tests with warnings
# denied, in one workspace under target/real31 (its own target dir; the main workspace's
# Cargo.lock pins the same versions).
# Run by .ci/run; by hand: bash tests/real31.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=target/real31
mkdir -p "$root/specs"
members=()
for spec in discord.json openai.yaml svix.json; do
  name="real-${spec%%.*}"
  gzip -dc "tests/specs/public/$spec.gz" > "$root/specs/$spec"
  cargo run -q --release -p openapi-gen-cli -- --spec "$root/specs/$spec" --out "$root/ws/$name" \
    --crate-name "$name" 2>/dev/null | tail -n 1
  members+=("\"$name\"")
done
{
  echo "[workspace]"
  echo "resolver = \"2\""
  echo "members = [$(IFS=,; echo "${members[*]}")]"
} > "$root/ws/Cargo.toml"
cp Cargo.lock "$root/ws/Cargo.lock"
RUSTFLAGS="-D warnings" cargo check -q --offline --workspace --tests \
  --manifest-path "$root/ws/Cargo.toml" --target-dir "$root/target"
echo "real 3.1 crates check warning-free: ${members[*]}"
