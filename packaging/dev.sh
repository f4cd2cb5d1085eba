#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's two commands, for a fresh Debian 12 machine (run as root, or with sudo):
#   bash packaging/dev.sh demo   install what is missing, build, run the sample job
#   bash packaging/dev.sh test   install what is missing, build, run the whole test suite,
#                                then install the .deb, make a video with it and remove it
#                                (packaging/install-test.sh; HH_SKIP_INSTALL_TEST=1 skips
#                                that part outside CI), then the sanitizer stage
#                                (HH_SANITIZER_STAGE=0 skips it)
#   bash packaging/dev.sh sanitize   the sanitizer stage alone
# CI (.ci/run) calls the test command unchanged, so CI proves the README.
set -euo pipefail

mode=${1:-demo}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HH_BUILD_DIR:-$here/build}
san_build=${HH_SAN_BUILD_DIR:-$here/build-san}

# Everything the project needs, from Debian 12's archive only.
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev libpoppler-qt6-dev qtkeychain-qt6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqt6sql6-sqlite qt6-qpa-plugins
  libpoppler-cpp-dev libquazip1-qt6-dev libgl-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
  libespeak-ng-dev espeak-ng-data flite1-dev libsodium-dev
  libebur128-dev
  xvfb xauth ffmpeg poppler-utils dbus-x11 gnome-keyring libsecret-tools
  fonts-dejavu fonts-noto-core
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  pulseaudio
  desktop-file-utils appstream
  clang-14 libclang-rt-14-dev
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
    # A service that does not start is said here; the tests that need it then
    # fail under CI=true (tests/common/CiServices.h) and skip with a reason elsewhere.
    echo hiddenhill | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 ||
      echo "== no Secret Service: gnome-keyring-daemon did not start" >&2
    pulseaudio --daemonize=yes --exit-idle-time=-1 -n \
      --load="module-null-sink sink_name=nullsink" --load=module-native-protocol-unix >/dev/null 2>&1 ||
      echo "== no sound device: pulseaudio did not start" >&2
    ctest --test-dir "$1" --output-on-failure -j 2 --timeout 600
    rc=$?
    pulseaudio --kill >/dev/null 2>&1 || true
    exit $rc
  ' bash "$build"
}

# The sanitizer stage: pipeline, CLI and their tests built with clang under
# AddressSanitizer + UndefinedBehaviorSanitizer (no GUI), the pipeline tests run
# with zero reports allowed, then every libFuzzer target for a short bounded time
# (tests/fuzz; `bash packaging/fuzz.sh 600` runs them ten minutes each).
build_sanitized() {
  local werror=OFF launcher=()
  [ "${CI:-}" = "true" ] && werror=ON
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # -O1 keeps ASan's reports exact and its slowdown near 2x; no NDEBUG, so assert() runs.
  cmake -S "$here" -B "$san_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_COMPILER=clang++-14 "${launcher[@]}" \
    -DHH_SANITIZE=ON -DHH_FUZZ=ON -DHH_BUILD_GUI=OFF -DHH_WERROR=$werror
  cmake --build "$san_build" -j "$(nproc)"
}

sanitizer_env() {
  # Leaks count (LeakSanitizer, through ASan); the suppressions are third-party only.
  export ASAN_OPTIONS=detect_leaks=1
  export LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
}

run_sanitized_tests() {
  local started=$SECONDS
  build_sanitized || return 1
  echo "== sanitizer build: $((SECONDS - started)) s"
  sanitizer_env
  export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/hh-runtime.XXXXXX)}
  chmod 0700 "$XDG_RUNTIME_DIR"
  export QT_QPA_PLATFORM=offscreen
  local home rc=0
  home=$(mktemp -d /tmp/hh-home.XXXXXX)
  started=$SECONDS
  HOME="$home" ctest --test-dir "$san_build" -L pipeline --output-on-failure -j 2 --timeout 900 || rc=1
  echo "== pipeline tests under ASan+UBSan: $((SECONDS - started)) s"
  started=$SECONDS
  # Two targets at a time, one core each.
  rm -f "$san_build/tests/fuzz/work/summary.txt"
  HOME="$home" ctest --test-dir "$san_build" -L fuzz --output-on-failure -j 2 --timeout 600 || rc=1
  cat "$san_build/tests/fuzz/work/summary.txt" 2>/dev/null || true
  echo "== fuzzing: $((SECONDS - started)) s"
  return $rc
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
case "$mode" in
  demo) build_project; run_demo ;;
  test)
    # Every part runs even when an earlier one fails, and any failure fails the command.
    build_project
    rc=0
    run_tests || rc=$?
    bash "$here/packaging/install-test.sh" "$build" || rc=1
    if [ "${HH_SANITIZER_STAGE:-1}" != 0 ]; then
      run_sanitized_tests || rc=1
    fi
    exit $rc
    ;;
  sanitize) run_sanitized_tests ;;
  build) build_project ;;
  *) echo "usage: $0 demo|test|sanitize|build" >&2; exit 2 ;;
esac
