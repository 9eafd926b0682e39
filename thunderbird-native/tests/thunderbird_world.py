#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The world test-thunderbird.py runs Thunderbird in: a network namespace
# with only loopback and a session bus of its own, an SMTP server on
# 127.0.0.1 that refuses every recipient, a POP3 server with one bounce,
# the profile's preferences (the accounts, no first-run UI, side-loaded
# unsigned add-ons) and Xvfb.
# A missing tool is a failure, never a skip.

import json
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import threading


def fail(message):
    print(f'not ok - {message}', flush=True)
    sys.exit(1)


def need(program):
    path = shutil.which(program)
    if path is None:
        fail(f'{program} is missing (apt-get install it; see tools/deps-test.txt)')
    return path


class RefusingHandler:
    """aiosmtpd handler: every recipient is unknown."""

    def __init__(self):
        self.refused = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.refused.append(address)
        return f'550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table'


def start_smtp():
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        fail('python3-aiosmtpd is missing')
    handler = RefusingHandler()
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname='127.0.0.1', port=port)
    controller.start()
    return controller, handler, port


def enter_netns():
    """Runs this script again in a network namespace with only loopback,
    under a session bus of its own (started inside: dbus-run-session's
    abstract socket would not be reachable across namespaces)."""
    if os.environ.get('TODOKE_TB_NETNS') == '1':
        if 'DBUS_SESSION_BUS_ADDRESS' not in os.environ:
            fail('no session bus inside the network namespace')
        return
    unshare, ip, bus = need('unshare'), need('ip'), need('dbus-run-session')
    # As root, a network namespace; else (or where root may not make one)
    # inside a user namespace of its own.
    for how in (['--net'], ['--net', '--map-root-user']):
        if subprocess.run([unshare, *how, '--', 'true'], capture_output=True).returncode == 0:
            break
    else:
        fail('cannot make a network namespace (unshare --net, with or without --map-root-user)')
    argv = [unshare, *how, '--',
            '/bin/sh', '-c', f'{ip} link set lo up && exec "$@"', 'sh',
            bus, '--', sys.executable, os.path.abspath(sys.argv[0]), *sys.argv[1:]]
    env = dict(os.environ, TODOKE_TB_NETNS='1')
    env.pop('DBUS_SESSION_BUS_ADDRESS', None)
    sys.stdout.flush()
    os.execve(unshare, argv, env)


def user_js(port, refused_port, pop_port, lang):
    prefs = {
        'mail.account.account1.identities': 'id1,id2',
        'mail.account.account1.server': 'server1',
        'mail.account.account2.server': 'server2',
        'mail.accountmanager.accounts': 'account1,account2',
        'mail.accountmanager.defaultaccount': 'account1',
        'mail.accountmanager.localfoldersserver': 'server2',
        'mail.identity.id1.fullName': 'Taro Yamada',
        'mail.identity.id1.useremail': 'taro@example.jp',
        'mail.identity.id1.smtpServer': 'smtp1',
        'mail.identity.id1.compose_html': False,
        'mail.identity.id2.fullName': 'Taro Yamada',
        'mail.identity.id2.useremail': 'taro@example.jp',
        'mail.identity.id2.smtpServer': 'smtp2',
        'mail.identity.id2.compose_html': False,
        'mail.server.server1.hostname': '127.0.0.1',
        'mail.server.server1.name': 'taro@example.jp',
        'mail.server.server1.type': 'pop3',
        'mail.server.server1.userName': 'taro',
        'mail.server.server1.port': pop_port,
        'mail.server.server1.socketType': 0,
        'mail.server.server1.authMethod': 3,
        'mail.server.server1.login_at_startup': True,
        'mail.server.server1.check_new_mail': True,
        'mail.server.server1.check_time': 1,
        'mail.server.server1.download_on_biff': True,
        'mail.server.server1.directory-rel': '[ProfD]Mail/127.0.0.1',
        'mail.server.server2.hostname': 'Local Folders',
        'mail.server.server2.name': 'Local Folders',
        'mail.server.server2.type': 'none',
        'mail.server.server2.userName': 'nobody',
        'mail.server.server2.directory-rel': '[ProfD]Mail/Local Folders',
        'mail.smtpservers': 'smtp1,smtp2',
        'mail.smtpserver.smtp2.hostname': '127.0.0.1',
        'mail.smtpserver.smtp2.port': refused_port,
        'mail.smtpserver.smtp2.authMethod': 1,
        'mail.smtpserver.smtp2.try_ssl': 0,
        'mail.smtpserver.smtp2.username': '',
        'mail.smtpserver.smtp1.hostname': '127.0.0.1',
        'mail.smtpserver.smtp1.port': port,
        'mail.smtpserver.smtp1.authMethod': 1,
        'mail.smtpserver.smtp1.try_ssl': 0,
        'mail.smtpserver.smtp1.username': '',
        'mail.smtp.defaultserver': 'smtp1',
        'mail.shell.checkDefaultClient': False,
        'mail.provider.suppress_dialog_on_startup': True,
        'mail.startup.enabledMailCheckOnce': True,
        'mail.rights.version': 1,
        'mail.spotlight.firstRunDone': True,
        'mail.winsearch.firstRunDone': True,
        'mailnews.start_page.enabled': False,
        'mail.warn_on_send_accel_key': False,
        'mail.biff.show_alert': False,
        'mail.openMessageBehavior.version': 1,
        'app.update.disabledForTesting': True,
        'datareporting.policy.dataSubmissionEnabled': False,
        'toolkit.telemetry.reportingpolicy.firstRun': False,
        'extensions.autoDisableScopes': 0,
        'extensions.enabledScopes': 15,
        'extensions.startupScanScopes': 15,
        'xpinstall.signatures.required': False,
        'extensions.experiments.enabled': True,
        'intl.locale.requested': lang,
        'browser.dom.window.dump.enabled': True,
        'devtools.console.stdout.chrome': True,
        'mail.tabs.drawInTitlebar': False,
        # Only loopback in the test's network namespace: stay online anyway.
        'network.manage-offline-status': False,
        'offline.autoDetect': False,
    }
    return ''.join(f'user_pref({json.dumps(k)}, {json.dumps(v)});\n' for k, v in prefs.items())


def start_xvfb(env):
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen([need('Xvfb'), '-displayfd', str(write_fd), '-screen', '0', '1280x1024x24',
                             '-nolisten', 'tcp'], pass_fds=[write_fd], env=env)
    os.close(write_fd)
    with os.fdopen(read_fd) as f:
        display = f.readline().strip()
    if not display:
        fail('Xvfb did not start')
    return xvfb, ':' + display


class Pop3Handler(socketserver.StreamRequestHandler):
    """Just enough POP3 (RFC 1939) for Thunderbird to fetch the server's
    one message with any user name and password; answers -ERR to the rest."""

    def say(self, *lines):
        self.wfile.write(''.join(f'{line}\r\n' for line in lines).encode())

    def handle(self):
        message = self.server.message
        size = len(message)
        self.say('+OK Todoke test POP3 server')
        for raw in self.rfile:
            command = raw.decode(errors='replace').strip().split(' ')[0].upper()
            self.server.commands.append(command)
            if command == 'CAPA':
                self.say('+OK', 'USER', 'UIDL', 'TOP', '.')
            elif command in ('USER', 'PASS', 'NOOP', 'RSET', 'DELE'):
                self.say('+OK')
            elif command == 'STAT':
                self.say(f'+OK 1 {size}')
            elif command == 'LIST':
                self.say('+OK', f'1 {size}', '.')
            elif command == 'UIDL':
                self.say('+OK', '1 todoke-pop-bounce-1', '.')
            elif command in ('RETR', 'TOP'):
                lines = message.decode().split('\n')
                self.say(f'+OK {size} octets', *['.' + line if line.startswith('.') else line for line in lines], '.')
            elif command == 'QUIT':
                self.say('+OK')
                return
            else:
                self.say('-ERR not here')


def start_pop3(message):
    """A POP3 server on 127.0.0.1 holding @message (bytes); returns it and
    its port. server.commands lists what Thunderbird did."""
    server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), Pop3Handler)
    server.daemon_threads = True
    server.message = message.replace(b'\r\n', b'\n')
    server.commands = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]
