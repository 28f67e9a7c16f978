#!/usr/bin/env bash
# A new user's first run, checked: clones this repository's HEAD into a temporary directory, runs
# README command 1 there with stdout and stderr going to files (not a terminal), and fails unless
# it exits 0 within the time limit, neither stream holds an ESC byte or a carriage return (no
# progress bar off a terminal), and the build made no jar.
#   runners/ci/check-first-run.sh [--target=200] [--limit=120] [--keep]
# Prints the build and run wall times (dependencies must already be in ~/.m2 for the limit).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target=200 limit=120 keep=0
for a in "$@"; do
  case "$a" in
    --target=*) target="${a#*=}" ;;
    --limit=*) limit="${a#*=}" ;;
    --keep) keep=1 ;;
    *) echo "check-first-run: unknown option $a" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d /tmp/medinstruct-first-run.XXXXXX)"
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/clone"
cd "$work/clone"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
status=0
runners/medinstruct generate --output=out/demo --targetInstructions="$target" \
  > "$work/stdout" 2> "$work/stderr" < /dev/null || status=$?
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc)
built=$(grep -c "^medinstruct: building" "$work/stderr" || true)
esc=$(cat "$work/stdout" "$work/stderr" | tr -cd '\033' | wc -c)
cr=$(cat "$work/stdout" "$work/stderr" | tr -cd '\r' | wc -c)
jars=$(find runners/target -maxdepth 1 -name '*.jar' | wc -l)
build_s=$(sed -n 's/^medinstruct: built in \([0-9]*\) s$/\1/p' "$work/stderr" | head -1)
pipeline_s=$(sed -n 's/^done in \([0-9.]*\) s:.*/\1/p' "$work/stdout" | head -1)
echo "first run: exit $status, ${wall%.*} s wall = build ${build_s:-?} s + pipeline ${pipeline_s:-?} s + JVM start and endpoint; $esc ESC bytes, $cr carriage returns, $jars jars in runners/target, target $target"
echo "load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 3 "$work/stdout"
fail=0
[ "$status" = 0 ] || { echo "check-first-run: FAILED: exit status $status" >&2; tail -n 20 "$work/stderr" >&2; fail=1; }
[ "$built" -ge 1 ] || { echo "check-first-run: FAILED: the launcher did not build" >&2; fail=1; }
[ "$esc" = 0 ] || { echo "check-first-run: FAILED: $esc ESC bytes in the output" >&2; grep -n $'\033' "$work/stdout" "$work/stderr" | head -5 >&2; fail=1; }
[ "$cr" = 0 ] || { echo "check-first-run: FAILED: $cr carriage returns in the output (a progress bar off a terminal)" >&2; fail=1; }
[ "$jars" = 0 ] || { echo "check-first-run: FAILED: the Direct run built jars" >&2; fail=1; }
[ "$(echo "$wall <= $limit" | bc)" = 1 ] || { echo "check-first-run: FAILED: ${wall%.*} s > $limit s (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2; fail=1; }
exit $fail
