#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""kill -9 during a burst of reports loses none that Report answered."""

import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import apptest  # noqa: E402
from apptest import AppTestCase, strv, text, wait_for  # noqa: E402
from gi.repository import Gio, GLib  # noqa: E402


class Durability(AppTestCase):

    def test_kill_during_burst(self):
        self.start_app()
        answered = []
        stop = threading.Event()

        def burst():
            bus = Gio.DBusConnection.new_for_address_sync(
                os.environ['DBUS_SESSION_BUS_ADDRESS'],
                Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
                None, None)
            i = 0
            while not stop.is_set():
                failure = {'text': text(f'550 5.1.1 <user{i}@example.jp>: User unknown'),
                           'recipients': strv([f'user{i}@example.jp']), 'source': text('cli')}
                try:
                    reply = bus.call_sync(apptest.APP_ID, apptest.PATH, apptest.IFACE, 'Report',
                                          GLib.Variant.new_tuple(GLib.Variant('a{sv}', failure)),
                                          GLib.VariantType('(s)'), Gio.DBusCallFlags.NO_AUTO_START,
                                          60000, None)
                except GLib.Error:
                    return
                answered.append(int(reply.unpack()[0]))
                i += 1

        threads = [threading.Thread(target=burst) for _ in range(3)]
        for t in threads:
            t.start()
        wait_for(lambda: len(answered) >= 15, what='15 answered reports')
        self.app.send_signal(signal.SIGKILL)
        self.app.wait()
        stop.set()
        for t in threads:
            t.join(10)
        self.app = None
        kept = {row[0] for row in self.history('SELECT id FROM reports')}
        lost = set(answered) - kept
        self.assertEqual(lost, set(), f'{len(lost)} answered reports lost')
        self.assertEqual(self.history('PRAGMA integrity_check'), [('ok',)])
        # Every stored report has its failure row (one transaction each).
        orphans = self.history('SELECT COUNT(*) FROM reports WHERE id NOT IN (SELECT report FROM failures)')
        self.assertEqual(orphans, [(0,)])
        print(f'# {len(answered)} answered, {len(kept)} on disk after kill -9')

        # The app starts again on the same history.
        self.start_app()
        self.assertTrue(self.report({'text': text('552 5.2.2 Mailbox full')}).isdigit())


if __name__ == '__main__':
    apptest.main()
