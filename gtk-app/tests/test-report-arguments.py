#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad Report arguments over the bus get org.freedesktop.DBus.Error.InvalidArgs
naming the key; nothing is stored; the app answers the next good call."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import apptest  # noqa: E402
from apptest import AppTestCase, strv, text  # noqa: E402
from gi.repository import Gio, GLib  # noqa: E402

BAD = [
    ({}, 'text'),
    ({'text': text('550'), 'message': GLib.Variant('ay', b'x')}, 'text'),
    ({'text': GLib.Variant('u', 550)}, 'text'),
    ({'text': text('x' * (64 * 1024 + 1))}, 'text'),
    ({'text': text('550'), 'colour': text('red')}, 'colour'),
    ({'text': text('550'), 'recipients': text('a@example.jp')}, 'recipients'),
    ({'text': text('550'), 'recipients': strv(['a@example.jp'] * 1001)}, 'recipients'),
    ({'text': text('550'), 'locale': text('ja\n')}, 'locale'),
    ({'message': GLib.Variant('ay', b'Subject: hello\n\nnot a bounce at all\n')}, 'message'),
]


class ReportArguments(AppTestCase):

    def test_bad_arguments(self):
        self.start_app()
        for failure, key in BAD:
            with self.subTest(key=key, failure=str(failure)[:80]):
                with self.assertRaises(GLib.Error) as raised:
                    self.report(failure)
                error = raised.exception
                self.assertEqual(Gio.DBusError.get_remote_error(error),
                                 'org.freedesktop.DBus.Error.InvalidArgs')
                self.assertIn(f'“{key}”', error.message)
        self.assertEqual(self.history('SELECT COUNT(*) FROM reports')[0][0], 0)
        self.assertEqual(self.notify_calls(), [])

        # The wrong signature altogether is refused by the bus library.
        with self.assertRaises(GLib.Error) as raised:
            self.bus.call_sync(apptest.APP_ID, apptest.PATH, apptest.IFACE, 'Report',
                               GLib.Variant('(s)', ('550',)), None, Gio.DBusCallFlags.NONE, 5000, None)
        self.assertEqual(Gio.DBusError.get_remote_error(raised.exception),
                         'org.freedesktop.DBus.Error.InvalidArgs')

        # Still alive and well.
        self.assertTrue(self.report({'text': text('552 5.2.2 Mailbox full')}).isdigit())
        self.assertIsNone(self.app.poll())


if __name__ == '__main__':
    apptest.main()
