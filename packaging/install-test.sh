#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The package as a user gets it: build the .deb with CPack, install it with apt (which must
# find every runtime dependency from Depends alone), make a 30 s video with the installed
# /usr/bin/hiddenhill-cli, check the desktop integration landed, then remove the package.
#   bash packaging/install-test.sh [BUILD_DIR]
# Runs as root (or through sudo) because it installs a package. dev.sh test calls it after
# ctest. Developers may skip it with HH_SKIP_INSTALL_TEST=1; under CI=true it always runs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-${HH_BUILD_DIR:-$here/build}}
app_id=io.github.hiddenhill.HiddenHill

if [ "${HH_SKIP_INSTALL_TEST:-0}" = 1 ] && [ "${CI:-}" != true ]; then
  echo "== install test skipped (HH_SKIP_INSTALL_TEST=1)"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
started=$SECONDS
work=$(mktemp -d /tmp/hh-install-test.XXXXXX)
installed_by_us=0
cleanup() {
  # A failed check must not leave the package behind on a developer's machine.
  if [ "$installed_by_us" = 1 ] && dpkg-query -W -f='${Status}' hiddenhill 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -q hiddenhill >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "install test: FAIL: $*" >&2
  exit 1
}

paper=${HH_CORPUS_DIR:-$here/../shared/corpus}/pmc_jats/elife-tools_elife09853.xml
[ -f "$paper" ] || fail "the corpus paper $paper is missing (set HH_CORPUS_DIR)"

echo "== install test: cpack"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/package" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack could not build the package"; }
version=$(sed -nE 's/^set\(CPACK_PACKAGE_VERSION "([^"]+)"\)/\1/p' "$build/CPackConfig.cmake")
deb="$work/package/hiddenhill_${version}_amd64.deb"
[ -f "$deb" ] || fail "expected $(basename "$deb"), got: $(ls "$work/package")"

echo "== install test: apt-get install $(basename "$deb")"
# --reinstall: the same version may be installed from an earlier run, with other files.
# --no-install-recommends: Depends alone must be enough to make a video.
installed_by_us=1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --reinstall --no-install-recommends "$deb" \
  >"$work/apt.log" 2>&1 || { tail -n 30 "$work/apt.log"; fail "apt-get could not install the package"; }

for f in /usr/bin/hiddenhill /usr/bin/hiddenhill-cli \
  "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml" \
  "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
  "/usr/share/icons/hicolor/16x16/apps/$app_id.png" "/usr/share/icons/hicolor/48x48/apps/$app_id.png" \
  "/usr/share/icons/hicolor/512x512/apps/$app_id.png" /usr/share/doc/hiddenhill/copyright; do
  [ -s "$f" ] || fail "$f was not installed"
done
desktop-file-validate "/usr/share/applications/$app_id.desktop" | grep -E ': (error|warning): ' &&
  fail "the installed desktop file does not validate"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" >/dev/null ||
  fail "the installed metainfo does not validate"
missing=$(ldd /usr/bin/hiddenhill /usr/bin/hiddenhill-cli | grep "not found" || true)
[ -z "$missing" ] || fail "libraries not found: $missing"
[ "$(/usr/bin/hiddenhill-cli --version)" = "hiddenhill-cli $version" ] ||
  fail "hiddenhill-cli --version does not say $version"

echo "== install test: /usr/bin/hiddenhill-cli render $(basename "$paper") --duration 30"
# A fresh HOME and runtime folder: nothing from the build tree or a developer's data is used.
mkdir -m 0700 "$work/home" "$work/runtime"
render_start=$SECONDS
env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" LANG=C.UTF-8 \
  /usr/bin/hiddenhill-cli render "$paper" --data-dir "$work/data" -o "$work/x.mp4" --duration 30 \
  >"$work/render.log" 2>&1 || { cat "$work/render.log"; fail "the installed hiddenhill-cli could not render"; }
render_seconds=$((SECONDS - render_start))

probe=$(ffprobe -v error -show_entries format=format_name,duration \
  -show_entries stream=codec_type,codec_name -of compact=nokey=0 "$work/x.mp4")
grep -q '^format|format_name=.*mp4' <<<"$probe" || fail "x.mp4 is not an MP4: $probe"
grep -q '^stream|codec_name=h264|codec_type=video' <<<"$probe" || fail "x.mp4 has no H.264 video: $probe"
grep -q '^stream|codec_name=aac|codec_type=audio' <<<"$probe" || fail "x.mp4 has no AAC audio: $probe"
duration=$(sed -nE 's/^format\|.*duration=([0-9]+).*/\1/p' <<<"$probe")
[ "${duration:-0}" -ge 15 ] && [ "${duration:-0}" -le 60 ] || fail "x.mp4 lasts ${duration:-?} s, not about 30 s"

# The installed app starts (platform, SQLite driver, sign-in) and keeps running: timeout's
# 124 means it was still up after 3 s; anything else is a crash or an early exit.
set +e
env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" LANG=C.UTF-8 \
  QT_QPA_PLATFORM=offscreen timeout 3 /usr/bin/hiddenhill >"$work/gui.log" 2>&1
gui_status=$?
set -e
[ "$gui_status" = 124 ] || { cat "$work/gui.log"; fail "the installed hiddenhill exited with $gui_status at start"; }

echo "== install test: apt-get remove hiddenhill"
DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -q hiddenhill >"$work/apt.log" 2>&1 ||
  { tail -n 30 "$work/apt.log"; fail "apt-get could not remove the package"; }
installed_by_us=0
for f in /usr/bin/hiddenhill-cli /usr/bin/hiddenhill "/usr/share/applications/$app_id.desktop" \
  "/usr/share/metainfo/$app_id.metainfo.xml"; do
  [ ! -e "$f" ] || fail "$f is still there after apt-get remove"
done

echo "== install test: passed in $((SECONDS - started)) s (render ${render_seconds} s, ${duration} s of video)"
