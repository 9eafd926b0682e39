#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# with-keyring.sh PROGRAM [ARGS…]: runs PROGRAM with a real
# gnome-keyring-daemon (Secret Service) on a private session bus, its
# keyrings in a temporary home. Run it under dbus-run-session.
set -eu

test -n "${DBUS_SESSION_BUS_ADDRESS:-}" || { echo "with-keyring.sh: no session bus" >&2; exit 1; }
command -v gnome-keyring-daemon >/dev/null || { echo "with-keyring.sh: gnome-keyring-daemon missing" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT INT TERM
export TODOKE_TEST_KEYRING_HOME="$home" HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The daemon is not under test: keep the test-only malloc and GLib checks from it.
eval "$(printf 'todoke-test-keyring' | env -u MALLOC_CHECK_ -u MALLOC_PERTURB_ -u G_DEBUG gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
unset SECRET_BACKEND
"$@"
