#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ctest packaging_validate: the launcher and the AppStream metadata pass the freedesktop
# validators, and the metadata's newest release is the version CMake builds.
#   validate.sh FILE.desktop FILE.metainfo.xml VERSION
set -uo pipefail
desktop=$1 metainfo=$2 version=$3
status=0

echo "== desktop-file-validate $desktop"
# Hints are advice (e.g. two main categories, meant: the app belongs under both);
# errors and warnings fail.
out=$(desktop-file-validate "$desktop" 2>&1) || status=1
[ -n "$out" ] && echo "$out"
if grep -qE ': (error|warning): ' <<<"$out"; then status=1; fi

echo "== appstreamcli validate --no-net $metainfo"
appstreamcli validate --no-net "$metainfo" || status=1

# The release list is written by hand; it must not fall behind project(VERSION).
newest=$(grep -oE '<release [^>]*version="[^"]+"' "$metainfo" | head -n1 | sed -E 's/.*version="([^"]+)".*/\1/')
if [ "$newest" != "$version" ]; then
  echo "error: the newest <release> in $(basename "$metainfo") is '$newest', CMake's version is $version;"
  echo "       add a <release version=\"$version\" date=\"YYYY-MM-DD\"> entry at the top of <releases>"
  status=1
fi
exit $status
