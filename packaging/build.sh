#!/usr/bin/env bash
# Build everything a packager needs into dist/, from a clean clone:
#
#   dist/timeline_app-VERSION-py3-none-any.whl, dist/timeline_app-VERSION.tar.gz
#   dist/icons/hicolor/{scalable,NxN}/apps/io.github.timeline_app.TimelineApp.{svg,png}
#   dist/applications/io.github.timeline_app.TimelineApp.desktop
#   dist/metainfo/io.github.timeline_app.TimelineApp.metainfo.xml
#   dist/timeline-app/                 the PyInstaller one-folder bundle (not with --no-bundle)
#
# icons/, applications/ and metainfo/ mirror /usr/share (or ~/.local/share): see
# packaging/README.md.
#
# Usage: packaging/build.sh [--no-bundle] [--no-smoke] [--use-active]
#
#   --no-bundle   skip the PyInstaller bundle (and its smoke test)
#   --no-smoke    build the bundle but do not start it (packaging/smoke.sh)
#   --use-active  build with the active Python environment ($VIRTUAL_ENV, else `python3` on
#                 PATH; build and pyinstaller are pip-installed into it when missing) instead
#                 of the script's own venv
#
# By default the script makes (and reuses) its own virtual environment, build/packaging-venv,
# from $PYTHON (default python3), so a build does not depend on, or change, a developer's venv.
# It needs network access to PyPI (build, PyInstaller and the app's dependencies) the first time.
# Optional tools, used when present: rsvg-convert (else Qt renders the PNGs),
# desktop-file-validate and appstreamcli (validation), xvfb-run or Xvfb (the X11 smoke start).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/packaging"
DIST="$ROOT/dist"
APP_ID="io.github.timeline_app.TimelineApp"
ICON_SIZES=(16 24 32 48 64 128 256 512)

bundle=1
smoke=1
use_active=0
for arg in "$@"; do
  case "$arg" in
    --no-bundle) bundle=0 ;;
    --no-smoke) smoke=0 ;;
    --use-active) use_active=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "build.sh: unknown option $arg (try --help)" >&2
      exit 2
      ;;
  esac
done

step() { printf '\n== %s\n' "$*"; }
now() { date +%s; }

cd "$ROOT"

# -- the Python environment -------------------------------------------------------------
if [ "$use_active" = 1 ]; then
  if [ -n "${VIRTUAL_ENV:-}" ]; then PY="$VIRTUAL_ENV/bin/python"; else PY="$(command -v python3)"; fi
  step "using the active Python: $PY"
else
  VENV="$ROOT/build/packaging-venv"
  if [ ! -x "$VENV/bin/python" ]; then
    step "creating $VENV"
    "${PYTHON:-python3}" -m venv "$VENV"
  fi
  PY="$VENV/bin/python"
fi
"$PY" -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ needed"'
need=()
"$PY" -I -c 'import build' 2>/dev/null || need+=("build>=1")
if [ "$bundle" = 1 ]; then
  "$PY" -I -c 'import PyInstaller' 2>/dev/null || need+=("pyinstaller>=6.10")
fi
if [ "${#need[@]}" -gt 0 ]; then
  step "installing ${need[*]}"
  "$PY" -m pip install --quiet --disable-pip-version-check "${need[@]}"
fi

# -- wheel and sdist --------------------------------------------------------------------
VERSION="$("$PY" -c 'import re, sys
print(re.search(r"^version = \"([^\"]+)\"", open("pyproject.toml").read(), re.M).group(1))')"
step "wheel and sdist of timeline-app $VERSION"
rm -rf "$DIST/timeline-app" "$DIST/icons" "$DIST/applications" "$DIST/metainfo"
rm -f "$DIST"/timeline_app-*.whl "$DIST"/timeline_app-*.tar.gz
# builds the sdist, then the wheel from the unpacked sdist (so the sdist is proven complete)
"$PY" -I -m build --outdir "$DIST" "$ROOT"
WHEEL="$(ls "$DIST"/timeline_app-"$VERSION"-*.whl)"

# The app and its dependencies in the build environment: the bundle and Qt's icon renderer
# need them. With --use-active an editable install of the checkout is left as it is.
if [ "$bundle" = 1 ] || ! command -v rsvg-convert >/dev/null 2>&1; then
  if [ "$use_active" = 1 ] && "$PY" -I -c 'import timeline_app' 2>/dev/null; then
    :
  else
    step "installing $(basename "$WHEEL") into the build environment"
    "$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"
    "$PY" -m pip install --quiet --disable-pip-version-check "$WHEEL"
  fi
fi

# -- icons --------------------------------------------------------------------------------
step "icons"
HICOLOR="$DIST/icons/hicolor"
mkdir -p "$HICOLOR/scalable/apps"
cp "$PKG/icons/timeline-app.svg" "$HICOLOR/scalable/apps/$APP_ID.svg"
if command -v rsvg-convert >/dev/null 2>&1; then
  for n in "${ICON_SIZES[@]}"; do
    mkdir -p "$HICOLOR/${n}x${n}/apps"
    rsvg-convert --width "$n" --height "$n" --format png \
      --output "$HICOLOR/${n}x${n}/apps/$APP_ID.png" "$PKG/icons/timeline-app.svg"
  done
  echo "rendered ${ICON_SIZES[*]} px with rsvg-convert"
else
  QT_QPA_PLATFORM=offscreen "$PY" "$PKG/render_icons.py" "$PKG/icons/timeline-app.svg" \
    "$HICOLOR" "$APP_ID" "${ICON_SIZES[@]}" >/dev/null
  echo "rendered ${ICON_SIZES[*]} px with Qt (no rsvg-convert)"
fi

# -- desktop entry and AppStream metainfo ---------------------------------------------------
step "desktop entry and metainfo"
mkdir -p "$DIST/applications" "$DIST/metainfo"
cp "$PKG/$APP_ID.desktop" "$DIST/applications/"
cp "$PKG/$APP_ID.metainfo.xml" "$DIST/metainfo/"
if command -v desktop-file-validate >/dev/null 2>&1; then
  out="$(desktop-file-validate "$DIST/applications/$APP_ID.desktop" 2>&1)" || {
    echo "$out" >&2
    exit 1
  }
  [ -n "$out" ] && echo "$out"
  if grep -Eq ': (error|warning):' <<<"$out"; then exit 1; fi
  echo "desktop-file-validate: ok"
else
  echo "desktop-file-validate not found (Debian: desktop-file-utils): not validated"
fi
if command -v appstreamcli >/dev/null 2>&1; then
  # validate the files as installed: a /usr/share tree with the desktop file and icons
  tree="$(mktemp -d)"
  mkdir -p "$tree/usr"
  ln -s "$DIST" "$tree/usr/share"
  appstreamcli validate-tree --no-net "$tree" || {
    rm -rf "$tree"
    exit 1
  }
  rm -rf "$tree"
else
  echo "appstreamcli not found (Debian: appstream): not validated"
fi

# -- PyInstaller bundle ---------------------------------------------------------------------
if [ "$bundle" = 1 ]; then
  step "PyInstaller bundle"
  t0="$(now)"
  "$PY" -I -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" "$PKG/timeline-app.spec"
  t1="$(now)"
  echo "bundle: $DIST/timeline-app, $(du -sh "$DIST/timeline-app" | cut -f1), built in $((t1 - t0)) s"
  if [ "$smoke" = 1 ]; then
    step "smoke test of the bundle"
    "$PKG/smoke.sh" "$DIST/timeline-app/timeline-app"
  fi
fi

step "done"
ls -1 "$DIST"
