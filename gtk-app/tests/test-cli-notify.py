#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`todoke classify --notify` hands what it finds to the running app."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import apptest  # noqa: E402
from apptest import AppTestCase, wait_for  # noqa: E402

SAMPLES = os.path.join(os.environ.get('TODOKE_SOURCE_ROOT', '.'), 'samples')


class CliNotify(AppTestCase):

    def cli(self, *args):
        return subprocess.run([os.environ['TODOKE_CLI'], 'classify', '--notify', *args],
                              env=self.env, capture_output=True, text=True, timeout=60)

    def test_bounces_and_replies_reach_the_app(self):
        self.start_app()
        done = self.cli(os.path.join(SAMPLES, 'bounce-en-dsn.eml'),
                        os.path.join(SAMPLES, 'bounce-ja-carrier.eml'))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(self.history('SELECT COUNT(*) FROM reports WHERE source = ?', 'cli'), [(2,)])
        out_reasons = sorted(line.split()[-1] for line in done.stdout.splitlines() if line.strip())
        self.assertTrue(out_reasons, done.stdout)

        done = self.cli('--reply', '535 5.7.8 Error: authentication failed', '--lang', 'ja')
        self.assertEqual(done.returncode, 0, done.stderr)
        rows = self.history("SELECT reason FROM failures JOIN reports ON reports.id = failures.report"
                            " WHERE reports.text LIKE '535%'")
        self.assertEqual(len(rows), 1)
        wait_for(self.notify_calls, what='Notify')

    def test_no_app_is_an_error_not_a_crash(self):
        # No app on the bus and no service file to activate one.
        done = self.cli('--reply', '550 5.1.1 User unknown')
        self.assertEqual(done.returncode, 1)
        self.assertIn('desktop app', done.stderr)


if __name__ == '__main__':
    apptest.main()
