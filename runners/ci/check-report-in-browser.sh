#!/usr/bin/env bash
# Loads a medinstruct report.html in headless Chromium and checks that its charts were drawn.
#
# Usage: runners/ci/check-report-in-browser.sh DIR/report.html [SCREENSHOT.png]
#
# Installs Debian's chromium when it is missing (needs root). Passes when the DOM after the page's
# script has run carries data-charts-drawn equal to data-charts-expected (>= 1), has at least that
# many <svg class="chart"> elements, and they contain bars (rect or path with class "bar").
# With a second argument, also writes a full-page screenshot there.
set -euo pipefail

report="${1:?usage: check-report-in-browser.sh DIR/report.html [SCREENSHOT.png]}"
shot="${2:-}"
[[ -f "$report" ]] || { echo "check-report: no such file: $report" >&2; exit 2; }

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "check-report: chromium is not installed and this is not root" >&2
    exit 2
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)"
fi

url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$profile")

dom="$(timeout 120 "$browser" "${flags[@]}" --virtual-time-budget=5000 --dump-dom "$url" 2>/dev/null)"

expected="$(grep -o 'data-charts-expected="[0-9]*"' <<<"$dom" | head -1 | grep -o '[0-9]*' || true)"
drawn="$(grep -o 'data-charts-drawn="[0-9]*"' <<<"$dom" | head -1 | grep -o '[0-9]*' || true)"
svgs="$(grep -o '<svg class="chart"' <<<"$dom" | wc -l)"
bars="$(grep -o 'class="bar[ "]' <<<"$dom" | wc -l)"
echo "check-report: $report: expected=${expected:-none} drawn=${drawn:-none} svg=$svgs bars=$bars"

if [[ -z "$expected" || -z "$drawn" ]]; then
  echo "check-report: FAIL: the page's script did not run (no data-charts-drawn marker)" >&2
  exit 1
fi
if (( expected < 1 || drawn != expected || svgs < expected || bars < expected )); then
  echo "check-report: FAIL: not every chart with data was drawn" >&2
  exit 1
fi

if [[ -n "$shot" ]]; then
  # Tall window (SCREENSHOT_HEIGHT, default 4760 px): the whole report in one image.
  timeout 120 "$browser" "${flags[@]}" --virtual-time-budget=5000 --window-size=1440,"${SCREENSHOT_HEIGHT:-4760}" \
    --screenshot="$(realpath -m "$shot")" "$url" >/dev/null 2>&1
  [[ -s "$shot" ]] || { echo "check-report: FAIL: no screenshot written" >&2; exit 1; }
  echo "check-report: screenshot $shot"
fi
echo "check-report: OK"
