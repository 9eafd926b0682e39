#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Watched Maildir folders: a bounce delivered into a real temporary Maildir
(written to tmp/, renamed into new/, as MTAs do) becomes a report like one
over D-Bus (history row, Notify); other mail is read and ignored; moving a
message to cur/ or restarting the app never reports it twice; a folder that
is missing or disappears gives one notification.

No fixed waits: the app reads a folder's events in the order they come, so
a bounce delivered after another message shows that message was read."""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import apptest  # noqa: E402
from apptest import AppTestCase, strv, text, wait_for  # noqa: E402

SAMPLES = os.path.join(os.environ.get('TODOKE_SOURCE_ROOT', '.'), 'samples')
PLAIN = (b'From: Sato <sato@example.jp>\r\nTo: taro@example.jp\r\nSubject: lunch\r\n'
         b'Date: Fri, 4 Dec 2026 12:00:00 +0900\r\nMessage-ID: <lunch@example.jp>\r\n\r\nNoon?\r\n')
PROBLEM = 'Maildir フォルダーの監視を停止しました'


def bounce():
    with open(os.path.join(SAMPLES, 'bounce-en-dsn.eml'), 'rb') as f:
        return f.read()


class Maildir(AppTestCase):

    def setUp(self):
        super().setUp()
        self.maildir = os.path.join(self.home, 'Mail', 'INBOX')
        for sub in ('tmp', 'new', 'cur'):
            os.makedirs(os.path.join(self.maildir, sub))
        self.write_settings({'maildir-folders': f"['{self.maildir}']"})

    def deliver(self, name, data):
        """As an MTA: write into tmp/, then rename into new/."""
        tmp = os.path.join(self.maildir, 'tmp', name)
        with open(tmp, 'wb') as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.maildir, 'new', name))

    def maildir_reports(self):
        return self.history("SELECT COUNT(*) FROM reports WHERE source = 'maildir'")[0][0]

    def problems(self):
        return [c for c in self.notify_calls() if c[2][3] == PROBLEM]

    def test_bounces_are_reported_once(self):
        self.start_app()
        # Other mail first, then a bounce: when the bounce is reported, the
        # other message was read before it.
        self.deliver('1764900000.M1P1.host', PLAIN)
        self.deliver('1764900001.M2P1.host', bounce())
        wait_for(lambda: self.maildir_reports() == 1, what='the bounce in the history')
        rows = self.history("SELECT f.recipient, f.source FROM failures f JOIN reports r"
                            " ON r.id = f.report WHERE r.source = 'maildir'")
        self.assertTrue(rows and all(source == 'maildir' for _, source in rows), rows)
        wait_for(self.notify_calls, what='Notify')
        self.assertEqual(str(self.notify_calls()[0][2][6]['category']), 'email.bounced')
        seen = dict(self.history('SELECT origin, report FROM seen'))
        self.assertIn(f'maildir:{self.maildir}/1764900000.M1P1.host', seen)   # read, no report
        self.assertIsNone(seen[f'maildir:{self.maildir}/1764900000.M1P1.host'])

        # The mail program moves it to cur/ with flags: the same message.
        os.rename(os.path.join(self.maildir, 'new', '1764900001.M2P1.host'),
                  os.path.join(self.maildir, 'cur', '1764900001.M2P1.host:2,S'))
        self.deliver('1764900002.M3P1.host', bounce())
        wait_for(lambda: self.maildir_reports() >= 2, what='the second bounce')
        self.assertEqual(self.maildir_reports(), 2)

        # Restarted: nothing again; what came meanwhile is read at startup.
        self.stop_app()
        self.deliver('1764900003.M4P1.host', bounce())
        self.start_app()
        wait_for(lambda: self.maildir_reports() >= 3, what='the bounce that came meanwhile')
        self.deliver('1764900004.M5P1.host', bounce())
        wait_for(lambda: self.maildir_reports() >= 4, what='a bounce after the restart')
        self.assertEqual(self.maildir_reports(), 4)
        origins = [row[0] for row in self.history('SELECT origin FROM seen WHERE report IS NOT NULL')]
        self.assertEqual(len(origins), len(set(origins)))
        self.assertEqual(self.problems(), [])

    def test_old_mail_is_not_news(self):
        # A bounce that was in the folder before it was watched.
        self.deliver('1764800000.M1P1.host', bounce())
        os.utime(os.path.join(self.maildir, 'new', '1764800000.M1P1.host'), (1764800000, 1764800000))
        self.start_app()
        self.deliver('1764900001.M2P1.host', bounce())
        wait_for(lambda: self.maildir_reports() >= 1, what='the new bounce')
        self.assertEqual(self.maildir_reports(), 1)

    def test_folder_that_disappears_is_one_message(self):
        self.start_app()
        shutil.rmtree(self.maildir)
        wait_for(self.problems, what='the folder problem')
        body = self.problems()[0][2][4]
        self.assertIn(self.maildir, body)
        self.assertIn('フォルダーが見つかりません', body)
        # A report after it: had the problem repeated, it would show by now.
        self.report({'text': text('550 5.1.1 <taro@example.jp>: User unknown'),
                     'recipients': strv(['taro@example.jp'])})
        wait_for(lambda: len(self.notify_calls()) >= 2, what='the report\'s Notify')
        self.assertEqual(len(self.problems()), 1)


class MissingFolder(AppTestCase):

    def setUp(self):
        super().setUp()
        self.write_settings({'maildir-folders': f"['{self.home}/no-such-Maildir']"})

    def test_missing_folder_is_one_message(self):
        self.start_app()
        wait_for(lambda: [c for c in self.notify_calls() if c[2][3] == PROBLEM], what='the problem')
        self.report({'text': text('550 5.1.1 <taro@example.jp>: User unknown'),
                     'recipients': strv(['taro@example.jp'])})
        wait_for(lambda: len(self.notify_calls()) >= 2, what='the report\'s Notify')
        problems = [c for c in self.notify_calls() if c[2][3] == PROBLEM]
        self.assertEqual(len(problems), 1)
        self.assertIn('no-such-Maildir', problems[0][2][4])
        self.assertEqual(self.history('SELECT COUNT(*) FROM reports')[0][0], 1)


if __name__ == '__main__':
    apptest.main()
