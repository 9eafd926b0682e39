#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Report over D-Bus → history row, Reported signal, a notification on a
real (python3-dbusmock) notification server; its action opens the guide."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import apptest  # noqa: E402
from apptest import AppTestCase, strv, text, wait_for, windows  # noqa: E402
from gi.repository import GLib  # noqa: E402

REPLY = '550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table'


class Notifications(AppTestCase):

    def test_report_stores_signals_and_notifies_in_japanese(self):
        self.start_app()
        signals = []
        self.bus.signal_subscribe(apptest.APP_ID, apptest.IFACE, 'Reported', apptest.PATH, None, 0,
                                  lambda *a: signals.append(a[5].unpack()))
        report_id = self.report({'text': text(REPLY), 'recipients': strv(['taro@example.jp']),
                                 'source': text('thunderbird'), 'client': text('thunderbird')})
        self.assertTrue(report_id.isdigit())

        rows = self.history('SELECT source, recipient, reason, hard FROM failures WHERE report = ?',
                            int(report_id))
        self.assertEqual(rows, [('thunderbird', 'taro@example.jp', 'userunknown', 1)])
        raw = self.history('SELECT text FROM reports WHERE id = ?', int(report_id))
        self.assertEqual(raw, [(REPLY,)])

        ctx = GLib.MainContext.default()
        wait_for(lambda: (ctx.iteration(False), signals)[1], what='Reported')
        self.assertEqual(signals, [(report_id, 'userunknown')])

        wait_for(self.notify_calls, what='Notify')
        calls = self.notify_calls()
        self.assertEqual(len(calls), 1)
        app_name, replaces, icon, summary, body, actions, hints, expire = calls[0][2]
        self.assertEqual(summary, '宛先のメールアドレスが存在しません')
        self.assertIn('taro@example.jp', body)
        self.assertIn('一文字ずつ見比べて', body)
        self.assertEqual(list(actions)[2:],
                         ['show', '修正手順を表示', 'dismiss', '閉じる'])
        self.assertEqual(str(hints['category']), 'email')
        self.assertEqual(str(hints['desktop-entry']), apptest.APP_ID)

        # The server's action opens the guide window.
        self.assertEqual(windows('宛先のメールアドレスが存在しません'), [])
        self.notify_mock.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us',
                                    [1, 'show'])
        wait_for(lambda: windows('宛先のメールアドレスが存在しません'), what='the guide window')
        wait_for(lambda: self.history('SELECT read FROM reports WHERE id = ?', int(report_id)) == [(1,)],
                 what='the report marked read')

    def test_bounce_is_email_bounced(self):
        self.start_app()
        with open(os.path.join(os.environ['TODOKE_SOURCE_ROOT'], 'samples', 'bounce-en-dsn.eml'), 'rb') as f:
            message = f.read()
        report_id = self.report({'message': GLib.Variant('ay', message), 'source': text('maildir')})
        wait_for(self.notify_calls, what='Notify')
        hints = self.notify_calls()[0][2][6]
        self.assertEqual(str(hints['category']), 'email.bounced')
        rows = self.history('SELECT COUNT(*) FROM failures WHERE report = ?', int(report_id))
        self.assertGreaterEqual(rows[0][0], 1)

    def test_burst_is_one_notification(self):
        """Ten failures at once: one notification on the screen that counts
        all ten in the end, replaced at most once per REPLACE_MS (0.5 s),
        however long the app takes to store each report."""
        self.start_app()
        # Ten reports sent at once, as a burst arrives (each answered later).
        pending = []
        for i in range(10):
            failure = {'text': text(REPLY), 'recipients': strv([f'user{i}@example.jp'])}
            self.bus.call(apptest.APP_ID, apptest.PATH, apptest.IFACE, 'Report',
                          GLib.Variant.new_tuple(GLib.Variant('a{sv}', failure)),
                          GLib.VariantType('(s)'), 0, 60000, None,
                          lambda bus, result, _: pending.append(bus.call_finish(result)), None)
        ctx = GLib.MainContext.default()
        wait_for(lambda: (ctx.iteration(False), len(pending) == 10)[1], what='10 answers')
        self.assertEqual(self.history('SELECT COUNT(*) FROM failures')[0][0], 10)
        wait_for(lambda: [c for c in self.notify_calls() if c[2][3] == '10 件の配信に失敗しました'],
                 what='a notification that counts all ten')
        calls = self.notify_calls()
        # The one that counts ten is the last: nothing is left to add.
        self.assertEqual(calls[-1][2][3], '10 件の配信に失敗しました')
        self.assertIn('user0@example.jp', calls[-1][2][4])
        self.assertTrue(calls[-1][2][4].endswith('…'), calls[-1][2][4])
        # One notification on the screen: every later Notify replaces the
        # first (the mock numbers notifications from 1).
        self.assertEqual(calls[0][2][1], 0)
        self.assertTrue(all(call[2][1] == 1 for call in calls[1:]), calls)
        # Paced by one timer: consecutive Notify calls at least 0.5 s apart
        # on the server's clock (each is sent after the previous answer).
        times = self.notify_times()
        self.assertEqual(len(times), len(calls))
        gaps = [b - a for a, b in zip(times, times[1:])]
        self.assertTrue(all(gap >= 0.499 for gap in gaps), gaps)

    def test_markup_is_escaped_for_markup_servers(self):
        self.start_app()
        self.report({'text': text('550 5.1.1 <a&b@example.jp> unknown'),
                     'recipients': strv(['a&b@example.jp'])})
        wait_for(self.notify_calls, what='Notify')
        body = self.notify_calls()[0][2][4]
        self.assertIn('a&amp;b@example.jp', body)
        self.assertNotIn('a&b', body)


class NoButtonsNoMarkup(AppTestCase):
    capabilities = 'body'
    language = 'en'

    def test_plain_server_gets_plain_text_and_no_actions(self):
        self.start_app()
        self.report({'text': text('550 5.1.1 <a&b@example.jp> unknown'),
                     'recipients': strv(['a&b@example.jp'])})
        wait_for(self.notify_calls, what='Notify')
        call = self.notify_calls()[0][2]
        self.assertIn('a&b@example.jp', call[4])
        self.assertEqual(list(call[5]), [])
        self.assertEqual(call[3], "The recipient's address does not exist")


class Quiet(AppTestCase):
    settings = {'quiet': 'true'}

    def test_quiet_mode_stores_without_notifying(self):
        self.start_app()
        self.report({'text': text(REPLY), 'recipients': strv(['quiet@example.jp'])})
        self.assertEqual(self.history('SELECT COUNT(*) FROM failures')[0][0], 1)
        # Quiet mode off (app.quiet, bound to the setting), then a second
        # failure: whatever the first had queued would be shown before or
        # with the second, so no waiting is needed to see that it was not.
        self.action('quiet', GLib.Variant('b', False))
        self.report({'text': text(REPLY), 'recipients': strv(['loud@example.jp'])})
        wait_for(self.notify_calls, what='Notify')
        calls = self.notify_calls()
        self.assertEqual(len(calls), 1, calls)
        self.assertEqual(calls[0][2][3], '宛先のメールアドレスが存在しません')
        self.assertIn('loud@example.jp', calls[0][2][4])
        self.assertNotIn('quiet@example.jp', calls[0][2][4])
        self.assertEqual(self.history('SELECT COUNT(*) FROM failures')[0][0], 2)


if __name__ == '__main__':
    apptest.main()
