#!/usr/bin/python3
# test-gi.py: libtodoke as another language sees it, through the Todoke-1
# typelib with PyGObject: a reply, a bounce and a file (blocking and
# asynchronous) classified, enum-typed properties read, and the returned
# arrays' ownership exercised (freed, collected, read again) so that a
# wrong transfer annotation shows as a crash or a critical.
#
# Run by meson (suite "bindings") with GI_TYPELIB_PATH and LD_LIBRARY_PATH
# pointing at the build, G_TEST_SRCDIR at tests/.
#
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gc
import json
import os
import sys
import unittest

import gi

gi.require_version('Todoke', '1')
from gi.repository import Gio, GLib, GObject, Todoke  # noqa: E402

SRCDIR = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
BOUNCE = os.path.join(SRCDIR, 'data', 'bounces', 'postfix-1.eml')
# What the C tests pin for postfix-1.eml, recipient by recipient.
with open(os.path.join(SRCDIR, 'data', 'bounces', 'postfix-1.expected.json')) as f:
    EXPECTED = {d['recipient']: d for d in json.load(f)}


def classifier():
    rules = Todoke.RuleSet.new_default()
    return Todoke.Classifier.new(rules, None)


def churn():
    # Drop every wrapper we can and let freed memory be reused, so that a
    # use-after-free reads garbage rather than the old values.
    gc.collect()
    junk = [GLib.Bytes.new(b'x' * 64) for _ in range(256)]
    del junk
    gc.collect()


class TestTyped(unittest.TestCase):
    def test_enum_properties_are_typed(self):
        spec = Todoke.Diagnosis.find_property('severity')
        self.assertEqual(spec.value_type, Todoke.Severity.__gtype__)
        self.assertTrue(GObject.type_is_a(spec.value_type, GObject.TYPE_ENUM))
        spec = Todoke.Diagnosis.find_property('owner')
        self.assertEqual(spec.value_type, Todoke.Owner.__gtype__)

    def test_reply(self):
        diagnosis = classifier().classify_reply(
            '550 5.1.1 <a@docomo.ne.jp> user unknown', 'a@docomo.ne.jp', 'ja')
        self.assertEqual(diagnosis.props.reason, 'userunknown')
        self.assertIsInstance(diagnosis.props.severity, Todoke.Severity)
        self.assertEqual(diagnosis.props.severity, Todoke.Severity.HARD)
        self.assertEqual(diagnosis.get_severity(), Todoke.Severity.HARD)
        self.assertIsInstance(diagnosis.props.owner, Todoke.Owner)
        self.assertEqual(diagnosis.props.owner, diagnosis.get_owner())
        self.assertEqual(diagnosis.props.reply_code, 550)
        self.assertEqual(diagnosis.props.enhanced_status, '5.1.1')
        self.assertEqual(diagnosis.props.recipient, 'a@docomo.ne.jp')
        self.assertEqual(diagnosis.get_locale(), 'ja')
        self.assertTrue(diagnosis.props.title)
        guide = diagnosis.get_guide()
        self.assertEqual(guide.get_reason(), 'userunknown')
        steps = guide.get_steps()
        self.assertGreater(len(steps), 0)
        self.assertTrue(all(isinstance(step, str) and step for step in steps))


class TestArrays(unittest.TestCase):
    def check(self, diagnoses):
        self.assertEqual(len(diagnoses), len(EXPECTED))
        for diagnosis in diagnoses:
            expected = EXPECTED[diagnosis.props.recipient]
            self.assertEqual(diagnosis.props.reason, expected['reason'])
            self.assertEqual(diagnosis.props.enhanced_status, expected['status'])
            self.assertEqual(diagnosis.props.reply_code, int(expected['reply_code']))
            self.assertIsInstance(diagnosis.props.severity, Todoke.Severity)
            self.assertEqual(diagnosis.props.severity, diagnosis.get_severity())
            self.assertIsInstance(diagnosis.props.owner, Todoke.Owner)
            self.assertEqual(diagnosis.ref_count, 1)

    def test_bounce(self):
        with open(BOUNCE, 'rb') as f:
            message = GLib.Bytes.new(f.read())
        c = classifier()
        kept = []
        for _ in range(20):
            diagnoses = c.classify_bounce(message, 'en')
            churn()
            self.check(diagnoses)
            kept.append(diagnoses[0])
            del diagnoses
            churn()
        # The diagnoses outlive the array they came in.
        for diagnosis in kept:
            self.assertEqual(diagnosis.props.reason, EXPECTED[diagnosis.props.recipient]['reason'])

    def test_not_a_bounce(self):
        with self.assertRaises(GLib.Error) as raised:
            classifier().classify_bounce(GLib.Bytes.new(b'Subject: hello\n\nhi\n'), None)
        self.assertTrue(raised.exception.matches(Todoke.error_quark(), Todoke.Error.NOT_A_BOUNCE))

    def test_file(self):
        c = classifier()
        for _ in range(20):
            diagnoses = c.classify_file(Gio.File.new_for_path(BOUNCE), None, None)
            churn()
            self.check(diagnoses)

    def test_file_async(self):
        loop = GLib.MainLoop()
        results = []

        def done(c, result):
            results.append(c.classify_file_finish(result))
            loop.quit()

        c = classifier()
        c.classify_file_async(Gio.File.new_for_path(BOUNCE), 'ja', None, done)
        GLib.timeout_add_seconds(20, loop.quit)
        loop.run()
        self.assertEqual(len(results), 1)
        churn()
        self.check(results[0])
        self.assertEqual(results[0][0].get_locale(), 'ja')

    def test_missing_file(self):
        with self.assertRaises(GLib.Error):
            classifier().classify_file(Gio.File.new_for_path('/nonexistent/todoke.eml'), None, None)


if __name__ == '__main__':
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2)
    result = runner.run(unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__]))
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
