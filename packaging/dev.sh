#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's two commands, for a fresh Debian 12 machine (run as root, or with sudo):
#   bash packaging/dev.sh demo   install what is missing, build, run the sample job
#   bash packaging/dev.sh test   install what is missing, build, run the whole test suite,
#                                then install the .deb, make a video with it and remove it
#                                (packaging/install-test.sh; HH_SKIP_INSTALL_TEST=1 skips
#                                that last part outside CI)
# CI (.ci/run) calls the test command unchanged, so CI proves the README.
set -euo pipefail

mode=${1:-demo}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HH_BUILD_DIR:-$here/build}

# Everything the project needs, from Debian 12's archive only.
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev libpoppler-qt6-dev qtkeychain-qt6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqt6sql6-sqlite qt6-qpa-plugins
  libquazip1-qt6-dev libgl-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
  libespeak-ng-dev espeak-ng-data flite1-dev libsodium-dev
  xvfb xauth ffmpeg poppler-utils dbus-x11 gnome-keyring libsecret-tools
  fonts-dejavu fonts-noto-core
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  pulseaudio
  desktop-file-utils appstream
)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "== installing ${#missing[@]} Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

build_project() {
  local werror=OFF
  [ "${CI:-}" = "true" ] && werror=ON
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHH_WERROR=$werror
  cmake --build "$build" -j "$(nproc)"
}

# Services the tests need when there is no desktop session: a private runtime dir,
# a D-Bus session with an unlocked Secret Service (keychain tests) and a PulseAudio
# null sink (media tests). The suite itself runs headless (offscreen platform).
run_tests() {
  export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/hh-runtime.XXXXXX)}
  chmod 0700 "$XDG_RUNTIME_DIR"
  export QT_QPA_PLATFORM=offscreen
  local home
  home=$(mktemp -d /tmp/hh-home.XXXXXX)
  HOME="$home" dbus-run-session -- bash -c '
    set -u
    echo hiddenhill | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    pulseaudio --daemonize=yes --exit-idle-time=-1 -n \
      --load="module-null-sink sink_name=nullsink" --load=module-native-protocol-unix >/dev/null 2>&1 || true
    ctest --test-dir "$1" --output-on-failure -j 2 --timeout 600
    rc=$?
    pulseaudio --kill >/dev/null 2>&1 || true
    exit $rc
  ' bash "$build"
}

run_demo() {
  local sample="$here/resources/sample/meselson-stahl-1958.xml"
  local out="$here/build/sample-video.mp4"
  echo "== making a video of the bundled sample paper, offline"
  "$build/app/hiddenhill-cli" render "$sample" --data-dir "$here/build/demo-data" -o "$out"
  echo "== done: $out"
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "== opening Hidden Hill"
    "$build/app/hiddenhill" "$sample" &
  fi
}

install_missing
build_project
case "$mode" in
  demo) run_demo ;;
  test)
    # Both parts run even when the first fails, and either failure fails the command.
    status=0
    run_tests || status=$?
    bash "$here/packaging/install-test.sh" "$build" || status=$?
    exit $status
    ;;
  build) ;;
  *) echo "usage: $0 demo|test|build" >&2; exit 2 ;;
esac
