#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tray item: a fake org.kde.StatusNotifierWatcher (python3-dbusmock)
sees the item register; the test reads the item's properties and its
com.canonical.dbusmenu as a panel does (GetLayout, AboutToShowGroup,
GetGroupProperties) and clicks with EventGroup."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import apptest  # noqa: E402
from apptest import AppTestCase, strv, text, wait_for, windows  # noqa: E402
from gi.repository import Gio, GLib  # noqa: E402

WATCHER = 'org.kde.StatusNotifierWatcher'
MENU_IFACE = 'com.canonical.dbusmenu'


class Tray(AppTestCase):

    def setUp(self):
        super().setUp()
        import dbus
        import dbusmock
        self.watcher = self.spawn_server(WATCHER, '/StatusNotifierWatcher', WATCHER,
                                         stdout=subprocess.DEVNULL)
        obj = self.get_dbus().get_object(WATCHER, '/StatusNotifierWatcher')
        self.watcher_mock = dbus.Interface(obj, dbusmock.MOCK_IFACE)
        self.watcher_mock.AddMethod(WATCHER, 'RegisterStatusNotifierItem', 's', '', '')

    def tearDown(self):
        super().tearDown()
        self.watcher.terminate()
        self.watcher.wait()

    def call(self, dest, path, iface, method, args, reply_type):
        reply = self.bus.call_sync(dest, path, iface, method, args, GLib.VariantType(reply_type),
                                   Gio.DBusCallFlags.NONE, 60000, None)
        return reply.unpack()

    def prop(self, dest, path, iface, name):
        return self.call(dest, path, 'org.freedesktop.DBus.Properties', 'Get',
                         GLib.Variant('(ss)', (iface, name)), '(v)')[0]

    def layout(self, dest, menu):
        revision, (root, props, children) = self.call(
            dest, menu, MENU_IFACE, 'GetLayout', GLib.Variant('(iias)', (0, -1, [])), '(u(ia{sv}av))')
        return {child[1].get('label', '-'): child[0] for child in children}

    def test_item_and_menu(self):
        self.start_app()
        calls = wait_for(lambda: [c for c in self.watcher_mock.GetCalls()
                                  if c[1] == 'RegisterStatusNotifierItem'], what='registration')
        service = str(calls[0][2][0])
        self.assertTrue(service.startswith(':'))
        item = '/StatusNotifierItem'
        iface = 'org.kde.StatusNotifierItem'
        self.assertEqual(self.prop(service, item, iface, 'Id'), apptest.APP_ID)
        self.assertEqual(self.prop(service, item, iface, 'Status'), 'Active')
        self.assertEqual(self.prop(service, item, iface, 'IconName'), apptest.APP_ID + '-symbolic')
        menu = self.prop(service, item, iface, 'Menu')
        items = self.layout(service, menu)
        self.assertEqual(list(items)[-3:], ['履歴', '設定', '終了'])
        self.assertIn('配信の失敗はありません', items)

        # A failure: attention icon, and the menu lists it.
        self.report({'text': text('550 5.1.1 <taro@example.jp>: User unknown'),
                     'recipients': strv(['taro@example.jp'])})
        wait_for(lambda: self.prop(service, item, iface, 'Status') == 'NeedsAttention',
                 what='NeedsAttention')
        self.assertEqual(self.prop(service, item, iface, 'AttentionIconName'),
                         apptest.APP_ID + '-alert-symbolic')
        self.assertEqual(self.prop(service, item, iface, 'IconName'), apptest.APP_ID + '-alert-symbolic')
        tooltip = self.prop(service, item, iface, 'ToolTip')
        self.assertIn('1 件', tooltip[3])
        items = self.layout(service, menu)
        label = '宛先のメールアドレスが存在しません — taro@example.jp'
        self.assertIn(label, items)

        # What a real panel does before it opens the menu, then a click.
        updates, errors = self.call(service, menu, MENU_IFACE, 'AboutToShowGroup',
                                    GLib.Variant('(ai)', ([0, items[label]],)), '(aiai)')
        self.assertEqual(errors, [])
        props = self.call(service, menu, MENU_IFACE, 'GetGroupProperties',
                          GLib.Variant('(aias)', ([items[label]], ['label', 'enabled'])), '(a(ia{sv}))')[0]
        self.assertEqual(props[0][1], {'label': label, 'enabled': True})
        errors = self.call(service, menu, MENU_IFACE, 'EventGroup',
                           GLib.Variant('(a(isvu))', ([(items[label], 'clicked', GLib.Variant('s', ''), 0),
                                                       (999, 'clicked', GLib.Variant('s', ''), 0)],)),
                           '(ai)')[0]
        self.assertEqual(errors, [999])
        wait_for(lambda: windows('宛先のメールアドレスが存在しません'), what='the guide window')
        # Opening the guide read the failure.
        wait_for(lambda: self.prop(service, item, iface, 'Status') == 'Active', what='Active again')

        self.call(service, menu, MENU_IFACE, 'Event',
                  GLib.Variant('(isvu)', (items['履歴'], 'clicked', GLib.Variant('s', ''), 0)), '()')
        wait_for(lambda: windows('Todoke — 履歴'), what='the history window')

        self.call(service, menu, MENU_IFACE, 'Event',
                  GLib.Variant('(isvu)', (items['終了'], 'clicked', GLib.Variant('s', ''), 0)), '()')
        # Generous: the sanitizer build checks for leaks on its way out.
        self.app.wait(90)
        self.assertEqual(self.app.returncode, 0)


if __name__ == '__main__':
    apptest.main()
