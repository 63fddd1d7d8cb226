#!/usr/bin/env bash
# Fuzz every parser of ketluan with cargo-fuzz (libFuzzer) on the stable toolchain.
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]     default: 600 s each, every target
#
# Installs cargo-fuzz if missing. Seeds each target's corpus from tests/fixtures and
# the example site (fuzz/corpus/<target>, kept between runs; fuzz/seeds is the
# committed part). A crash leaves fuzz/artifacts/<target>/crash-*: once fixed, copy
# it into fuzz/regressions/<target>/, where tests/fuzz_regressions.rs replays it on
# every `cargo test` (a new target needs one line in its TARGETS). The assertions
# live in fuzz/src/lib.rs. Prints seconds and executions per target. Runs niced: the
# machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
shift || true
export RUSTC_BOOTSTRAP=1 # cargo-fuzz needs -Z flags; no nightly toolchain here
# Safe Rust: the address sanitizer mostly costs executions. FUZZ_SANITIZER=address to use it.
SANITIZER=${FUZZ_SANITIZER:-none}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

ALL=(frontmatter conclusion docnum citation text markdown serve_path site)
TARGETS=("${@:-${ALL[@]}}")

seed() { # seed TARGET: copy the fixtures' text into the corpus, once
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  [[ -n $(ls -A "$dir") ]] && return
  cp fuzz/seeds/"$1"/* "$dir"/ 2>/dev/null || true
  case $1 in
    frontmatter | conclusion | markdown)
      find tests/fixtures content -name '*.md' -size -64k -exec cp -t "$dir" {} + ;;
    citation | text)
      find tests/fixtures content -name '*.md' -size -16k -exec cp -t "$dir" {} + ;;
    site) # whole sites: the hostile inputs of issue 28, and the example's files
      cp fuzz/regressions/site/* "$dir"/
      find content -name '*.md' -size -64k -exec cp -t "$dir" {} + ;;
  esac
}

for t in "${TARGETS[@]}"; do
  seed "$t"
  log=fuzz/artifacts/$t.log
  mkdir -p fuzz/artifacts/"$t"
  echo "== $t: ${SECONDS_EACH}s"
  if nice -n 10 cargo fuzz run --sanitizer "$SANITIZER" --fuzz-dir fuzz "$t" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and fuzz/artifacts/$t/)"
  fi
  execs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 || true)
  echo "   $t: $result; ${execs:-$(grep -E '^#[0-9]+' "$log" | tail -1)}"
done
