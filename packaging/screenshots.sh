#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Remakes packaging/screenshots/*.png (README, AppStream metainfo): a fresh data folder with
# one account, a few videos made by hiddenhill-cli and one failed job, then each page of the
# app saved by build/packaging/hh_screenshots with QWidget::grab(), in the dark and the light theme,
# in English and (the main pages) in German.
# It draws on Qt's offscreen platform rather than on Xvfb: grab() paints widgets the same way
# on both, but on Xvfb's software OpenGL Qt Multimedia's GStreamer video path stops with
# "Internal data stream error" (and crashes with QT_XCB_GL_INTEGRATION=none), so the player
# would show no frame.
#   bash packaging/screenshots.sh        (after a build; HH_BUILD_DIR picks another build)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HH_BUILD_DIR:-$here/build}
corpus=${HH_CORPUS_DIR:-$here/../shared/corpus}
out=$here/packaging/screenshots
user=ada

cmake --build "$build" --target hiddenhill-cli hh_screenshots >/dev/null

work=$(mktemp -d /tmp/hh-screenshots.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -m 0700 "$work/home" "$work/runtime"
# Nothing of the developer's own data or settings shows up in the pictures.
export HOME=$work/home XDG_RUNTIME_DIR=$work/runtime XDG_CONFIG_HOME=$work/home/.config
data=$work/data

# The CLI makes no account but $USER by itself: the pictures' "ada" is made first,
# without a password, as `account create` does for a script.
"$build/app/hiddenhill-cli" account create "$user" --no-password --data-dir "$data" >/dev/null

render() {
  echo "== render $(basename "$1")"
  "$build/app/hiddenhill-cli" render "$1" --data-dir "$data" --user "$user" "${@:2}" \
    >"$work/render.log" 2>&1 || { cat "$work/render.log" >&2; return 1; }
}
render "$here/tests/data/tiny-paper.xml" --duration 30
render "$corpus/pmc_jats/elife-tools_elife09853.xml" --duration 30 --aspect 1:1
render "$here/resources/sample/meselson-stahl-1958.xml" --duration 60
# A password-protected PDF fails at its first step: the job detail explains what to do.
encrypted="$corpus/pdf_problem/sample-files_libreoffice-writer_userpw-openpassword.pdf"
echo "== render $(basename "$encrypted") (fails: password)"
if "$build/app/hiddenhill-cli" render "$encrypted" --data-dir "$data" --user "$user" >/dev/null 2>&1; then
  echo "error: $(basename "$encrypted") was expected to fail" >&2
  exit 1
fi

mkdir -p "$out"
# Every page in both themes: PAGE-dark.png (the app's default) and PAGE-light.png; in German
# New video, My Videos, the player and Settings as PAGE-dark-de.png and PAGE-light-de.png,
# where words longer than the English ones would be cut off.
for language in en de; do
  for theme in dark light; do
    echo "== screenshots ($theme, $language)"
    QT_QPA_PLATFORM=offscreen \
      "$build/packaging/hh_screenshots" --data-dir "$data" --user "$user" --out "$out" \
      --theme "$theme" --language "$language" 2>"$work/shots.log" || { cat "$work/shots.log"; exit 1; }
  done
done
ls -l "$out"
# Committed pictures stay small (README, AppStream): flag any over 250 KB.
large=$(find "$out" -name '*.png' -size +250k)
if [ -n "$large" ]; then
  echo "warning: screenshots over 250 KB:" $large >&2
fi
