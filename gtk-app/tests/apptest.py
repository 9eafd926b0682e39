# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the desktop app's tests share: a throwaway home, the real app on the
test's own session bus (dbus-run-session), python3-dbusmock as the
notification server, and helpers to call Report and look at X windows.

Run under `xvfb-run -a dbus-run-session --` (see meson.build). A missing bus
or display is a failure, never a skip."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import dbus
import dbusmock
from gi.repository import Gio, GLib

APP_ID = 'io.github.todoke.Todoke'
PATH = '/io/github/todoke/Todoke'
IFACE = 'io.github.todoke.Todoke.Reports'

BUILD = os.environ.get('TODOKE_BUILD_ROOT')
APP = os.environ.get('TODOKE_APP')


def require_session():
    """Fails (does not skip) without a display or a session bus."""
    for var in ('DISPLAY', 'DBUS_SESSION_BUS_ADDRESS', 'TODOKE_APP', 'TODOKE_BUILD_ROOT'):
        if not os.environ.get(var):
            raise SystemExit(f'FAIL: ${var} is not set: run under xvfb-run -a dbus-run-session')


def wait_for(predicate, timeout=90.0, step=0.05, what='condition'):
    """Generous: the sanitizer build under load is many times slower."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f'timed out waiting for {what}')


def windows(name):
    """The ids of mapped X windows whose title contains NAME (xdotool)."""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', name],
                         capture_output=True, text=True)
    return out.stdout.split()


class AppTestCase(dbusmock.DBusTestCase):
    """Starts a notification server and the app, each test in a fresh home."""

    capabilities = 'body body-markup actions persistence'
    language = 'ja'
    settings = {}

    @classmethod
    def setUpClass(cls):
        require_session()
        cls.start_session_bus = False
        # The bus is dbus-run-session's: connect to it, never start another.
        dbusmock.DBusTestCase.session_bus_address = os.environ['DBUS_SESSION_BUS_ADDRESS']

    def setUp(self):
        self.home = tempfile.mkdtemp(prefix='todoke-app-test-')
        for sub in ('data', 'config', 'cache', 'runtime'):
            os.makedirs(os.path.join(self.home, sub), mode=0o700)
        self.env = dict(os.environ)
        self.env.update({
            'HOME': self.home,
            'XDG_DATA_HOME': os.path.join(self.home, 'data'),
            'XDG_CONFIG_HOME': os.path.join(self.home, 'config'),
            'XDG_CACHE_HOME': os.path.join(self.home, 'cache'),
            'XDG_RUNTIME_DIR': os.path.join(self.home, 'runtime'),
            'GSETTINGS_SCHEMA_DIR': os.path.join(BUILD, 'data'),
            'GSETTINGS_BACKEND': 'keyfile',
            'TODOKE_LOCALEDIR': os.path.join(BUILD, 'po'),
            'GDK_BACKEND': 'x11',
            'GSK_RENDERER': 'cairo',
            'GTK_A11Y': 'none',
            'NO_AT_BRIDGE': '1',
            'LC_ALL': 'C.UTF-8',
            'LANGUAGE': self.language,
        })
        self.write_settings(self.settings)
        self.notifyd = None
        self.app = None
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        self.start_notification_server()

    def tearDown(self):
        self.stop_app()
        if self.notifyd is not None:
            self.notifyd.terminate()
            self.notifyd.wait()
        shutil.rmtree(self.home, ignore_errors=True)

    # the pieces

    def write_settings(self, values):
        path = os.path.join(self.home, 'config', 'glib-2.0', 'settings')
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, 'keyfile'), 'w') as f:
            f.write('[io/github/todoke/Todoke]\n')
            for key, value in values.items():
                f.write(f'{key}={value}\n')

    def start_notification_server(self):
        # The mock logs each call with its own clock (ms) on its stdout.
        with open(os.path.join(self.home, 'notifyd.log'), 'wb') as log:
            self.notifyd, obj = self.spawn_server_template(
                'notification_daemon', {'capabilities': self.capabilities}, stdout=log)
        self.notify_mock = dbus.Interface(obj, dbusmock.MOCK_IFACE)
        self.notify_mock.ClearCalls()

    def start_app(self, *args):
        with open(os.path.join(self.home, 'app.log'), 'w') as log:
            self.app = subprocess.Popen([APP, '--gapplication-service', *args], env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        wait_for(lambda: self.name_has_owner(APP_ID), what='the app on the bus')
        # The name is taken before the app's startup ends; a call to its
        # actions is answered from its main loop, so after startup.
        self.bus.call_sync(APP_ID, PATH, 'org.gtk.Actions', 'List', None, GLib.VariantType('(as)'),
                           Gio.DBusCallFlags.NONE, 60000, None)

    def stop_app(self):
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(10)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait()
        self.app = None

    def app_log(self):
        try:
            with open(os.path.join(self.home, 'app.log')) as f:
                return f.read()
        except OSError:
            return ''

    def name_has_owner(self, name):
        reply = self.bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                   'org.freedesktop.DBus', 'NameHasOwner',
                                   GLib.Variant('(s)', (name,)), None,
                                   Gio.DBusCallFlags.NONE, -1, None)
        return reply.unpack()[0]

    def report(self, failure, timeout=60000):
        """Calls Report with FAILURE (a dict of GLib.Variant); returns the id."""
        reply = self.bus.call_sync(APP_ID, PATH, IFACE, 'Report',
                                   GLib.Variant.new_tuple(GLib.Variant('a{sv}', failure)),
                                   GLib.VariantType('(s)'), Gio.DBusCallFlags.NONE, timeout, None)
        return reply.unpack()[0]

    def notify_calls(self):
        return [call for call in self.notify_mock.GetCalls() if call[1] == 'Notify']

    def notify_times(self):
        """When the notification server received each Notify (seconds, its
        clock; GetCalls keeps whole seconds only)."""
        with open(os.path.join(self.home, 'notifyd.log'), encoding='utf-8', errors='replace') as f:
            return [float(m.group(1)) for m in re.finditer(r'^(\d+\.\d+) Notify\b', f.read(), re.M)]

    def action(self, name, state=None):
        """Activates the app's action NAME, or sets its STATE, over D-Bus
        (org.gtk.Actions): it has happened when this returns."""
        if state is None:
            method, args = 'Activate', GLib.Variant('(sava{sv})', (name, [], {}))
        else:
            method, args = 'SetState', GLib.Variant('(sva{sv})', (name, state, {}))
        self.bus.call_sync(APP_ID, PATH, 'org.gtk.Actions', method, args, None,
                           Gio.DBusCallFlags.NONE, 60000, None)

    def history(self, sql, *args):
        path = os.path.join(self.home, 'data', 'todoke', 'history.db')
        db = sqlite3.connect(path)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()


def text(s):
    return GLib.Variant('s', s)


def strv(items):
    return GLib.Variant('as', items)


def main():
    unittest.main(verbosity=2, buffer=False)
