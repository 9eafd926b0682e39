#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The host hands failures to the real desktop app: todoke-app runs as a
# D-Bus service on the test's private bus (under xvfb-run and
# dbus-run-session, with a throwaway HOME), the built host answers a
# failed send and a bounce, and the app must announce both with its
# Reported signal and the right reason ids.
# test-native-app.py --app PATH --host PATH --bounce PATH

import argparse
import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version('Gio', '2.0')
from gi.repository import Gio, GLib  # noqa: E402

APP_ID = 'io.github.todoke.Todoke'


def fail(message):
    print(f'not ok - {message}', flush=True)
    sys.exit(1)


def frame(request):
    data = json.dumps(request).encode()
    return struct.pack('=I', len(data)) + data


def wait_for(predicate, seconds):
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        context.iteration(False)
        time.sleep(0.02)
    return predicate()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--app', required=True)
    parser.add_argument('--host', required=True)
    parser.add_argument('--bounce', required=True)
    args = parser.parse_args()
    if 'DBUS_SESSION_BUS_ADDRESS' not in os.environ or 'DISPLAY' not in os.environ:
        fail('run under xvfb-run and dbus-run-session')

    home = tempfile.mkdtemp(prefix='todoke-native-app-')
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_CONFIG_HOME=os.path.join(home, 'config'), XDG_CACHE_HOME=os.path.join(home, 'cache'),
               GSETTINGS_BACKEND='memory', GDK_BACKEND='x11', GSK_RENDERER='cairo', G_DEBUG='')
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reported = []
    bus.signal_subscribe(None, 'io.github.todoke.Todoke.Reports', 'Reported', '/io/github/todoke/Todoke',
                         None, Gio.DBusSignalFlags.NONE,
                         lambda *a: reported.append(a[5].unpack()))
    app = subprocess.Popen([args.app, '--gapplication-service'], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def owned():
            return bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                                 'NameHasOwner', GLib.Variant('(s)', (APP_ID,)), None,
                                 Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
        if not wait_for(owned, 30):
            fail('todoke-app did not take its name on the bus')
        print('ok - todoke-app is on the bus', flush=True)

        with open(args.bounce, 'rb') as f:
            raw = base64.b64encode(f.read()).decode()
        frames = frame({'id': 1, 'method': 'classify-reply',
                        'params': {'text': 'Command failed: 550 User unknown; currentAction=_actionRCPT',
                                   'recipients': ['nobody@example.org'], 'locale': 'ja'}})
        frames += frame({'id': 2, 'method': 'classify-message', 'params': {'raw': raw, 'locale': 'ja'}})
        host = subprocess.run([args.host], input=frames, capture_output=True, env=env, timeout=60)
        if host.returncode != 0:
            fail(f'the host exited with {host.returncode}: {host.stderr.decode(errors="replace")}')
        print('ok - the host answered both and exited', flush=True)

        if not wait_for(lambda: len(reported) >= 2, 20):
            fail(f'the app announced {reported}, expected two reports')
        reasons = sorted(r[1] for r in reported)
        if reasons != ['userunknown', 'userunknown']:
            fail(f'the app reported reasons {reasons}')
        print(f'ok - the app stored and announced both: {reported}', flush=True)
    finally:
        app.terminate()
        app.wait(10)
        shutil.rmtree(home, ignore_errors=True)
    print('1..3')


if __name__ == '__main__':
    main()
