# Sourced by the runner scripts: what a medinstruct exit status means (README "Exit statuses").
# exit_meaning CODE -> one line; the scripts pass the code on instead of flattening it to 1.
exit_meaning() {
  case "$1" in
    0) echo "ok: the target was met" ;;
    2) echo "bad input or options: nothing written" ;;
    3) echo "target not met: what the run has is written; summary.json status_reason says why" ;;
    4) echo "budget stop: --maxCostUsd reached; finished work is written" ;;
    5) echo "endpoint refused or unreachable: the run stopped early and wrote nothing" ;;
    *) echo "failed (exit $1)" ;;
  esac
}
