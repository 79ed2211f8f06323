#!/usr/bin/env bash
# Smoke-test an installed or bundled timeline-app:
#
#   packaging/smoke.sh [--dataset FILE] [--require-x] [--no-x] COMMAND
#
# COMMAND is the installed `timeline-app` (on PATH, or a path such as venv/bin/timeline-app)
# or the bundle's executable (dist/timeline-app/timeline-app). The script
#   1. finds the dataset that came with that install (or takes --dataset FILE) and checks it
#      with `COMMAND --validate`: exit 0 and an "ok" line with 0 warnings (every quote is
#      found in its installed text);
#   2. starts `COMMAND --smoke` with QT_QPA_PLATFORM=offscreen: exit 0 and a line
#      "smoke: N events shown" with N > 0;
#   3. does the same under a real X server (xvfb-run, else Xvfb) with QT_QPA_PLATFORM=xcb,
#      which proves the xcb plugin and the system libraries it needs are there. Without
#      Xvfb that step is skipped with a notice, or fails with --require-x; --no-x skips it.
# Each start runs in an empty folder with its own XDG folders (no settings are read or
# left behind) and is killed after $SMOKE_TIMEOUT seconds (default 120).
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

dataset=""
x_mode=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --dataset)
      dataset="$2"
      shift 2
      ;;
    --require-x) x_mode=require && shift ;;
    --no-x) x_mode=skip && shift ;;
    -h | --help) usage && exit 0 ;;
    -*) echo "smoke.sh: unknown option $1" >&2 && exit 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ]; then
  usage >&2
  exit 2
fi

cmd="$(command -v "$1" || true)"
if [ -z "$cmd" ]; then
  echo "smoke.sh: $1: not found" >&2
  exit 2
fi
cmd="$(cd "$(dirname "$cmd")" && pwd)/$(basename "$cmd")"
timeout_s="${SMOKE_TIMEOUT:-120}"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/run" "$work/config" "$work/data" "$work/cache" "$work/runtime"
chmod 700 "$work/runtime"

# run LABEL [ENV=VALUE ...] -- ARGS...: run the command in the sandbox, output in $work/LABEL.out
run() {
  local label="$1"
  shift
  local envs=()
  while [ "$1" != "--" ]; do
    envs+=("$1")
    shift
  done
  shift
  local rc=0
  (cd "$work/run" && env XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    XDG_CACHE_HOME="$work/cache" XDG_RUNTIME_DIR="$work/runtime" "${envs[@]}" \
    timeout "$timeout_s" "$@") >"$work/$label.out" 2>&1 || rc=$?
  sed "s/^/  | /" "$work/$label.out"
  return "$rc"
}

# check_smoke LABEL DESCRIPTION RC: the exit code and the events line of a --smoke start
check_smoke() {
  local label="$2" rc="$3" n
  if [ "$rc" != 0 ]; then
    fail "$label: exit code $rc"
    return
  fi
  n="$(sed -n 's/^smoke: \([0-9][0-9]*\) events\{0,1\} shown.*/\1/p' "$work/$1.out" | head -1)"
  if [ -z "$n" ]; then
    fail "$label: no 'smoke: N events shown' line"
  elif [ "$n" -le 0 ]; then
    fail "$label: $n events shown"
  else
    echo "ok: $label: $n events shown"
  fi
}

echo "smoke test of $cmd"

# -- 1. the bundled dataset, as installed ----------------------------------------------------
if [ -z "$dataset" ]; then
  here="$(dirname "$cmd")"
  for candidate in \
    "$here/_internal/timeline_app/events/north-korean-troops.json" \
    "$here/timeline_app/events/north-korean-troops.json" \
    "$here/../Resources/timeline_app/events/north-korean-troops.json" \
    "$here/../Frameworks/timeline_app/events/north-korean-troops.json"; do
    if [ -f "$candidate" ]; then
      dataset="$candidate"
      break
    fi
  done
fi
if [ -z "$dataset" ] && head -c 2 "$cmd" | grep -q '^#!'; then
  # a pip-installed script: ask its interpreter, isolated from the current folder
  interp="$(head -1 "$cmd" | sed 's/^#! *//; s/ .*//')"
  if [ -x "$interp" ]; then
    dataset="$(cd / && "$interp" -I -c \
      'from timeline_app.core.bundled import bundled_dataset; print(bundled_dataset())' \
      2>/dev/null || true)"
  fi
fi
if [ -z "$dataset" ] || [ ! -f "$dataset" ]; then
  fail "cannot find the bundled dataset of $cmd (give it with --dataset FILE)"
else
  echo "dataset: $dataset"
  rc=0
  run validate -- "$cmd" --validate "$dataset" || rc=$?
  if [ "$rc" != 0 ]; then
    fail "--validate: exit code $rc"
  elif ! grep -q ": ok (" "$work/validate.out"; then
    fail "--validate: no 'ok' line"
  elif ! grep -q ": ok (.*, 0 warnings)" "$work/validate.out"; then
    fail "--validate: warnings (a quote not in its installed text?)"
  else
    echo "ok: --validate"
  fi
fi

# -- 2. offscreen ----------------------------------------------------------------------------
rc=0
run offscreen QT_QPA_PLATFORM=offscreen -- "$cmd" --smoke || rc=$?
check_smoke offscreen "--smoke (offscreen)" "$rc"

# -- 3. a real X server ----------------------------------------------------------------------
if [ "$x_mode" = skip ]; then
  echo "skipped: --smoke under X (--no-x)"
elif command -v xvfb-run >/dev/null 2>&1; then
  rc=0
  run xcb -- xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    env QT_QPA_PLATFORM=xcb "$cmd" --smoke || rc=$?
  check_smoke xcb "--smoke (xcb, xvfb-run)" "$rc"
elif command -v Xvfb >/dev/null 2>&1; then
  display=""
  for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
      display=":$n"
      break
    fi
  done
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X${display#:}" ] && break
    sleep 0.1
  done
  rc=0
  run xcb DISPLAY="$display" QT_QPA_PLATFORM=xcb -- "$cmd" --smoke || rc=$?
  check_smoke xcb "--smoke (xcb, Xvfb $display)" "$rc"
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  xvfb_pid=""
elif [ "$x_mode" = require ]; then
  fail "--smoke under X: neither xvfb-run nor Xvfb is installed (Debian: xvfb xauth)"
else
  echo "skipped: --smoke under X (no xvfb-run or Xvfb; Debian: xvfb xauth)"
fi

if [ "$failures" -gt 0 ]; then
  echo "smoke test FAILED ($failures)" >&2
  exit 1
fi
echo "smoke test passed"
