#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real end-to-end test (DESIGN §4): Thunderbird from Debian under Xvfb
# with a throwaway HOME and profile, Todoke's .xpi side-loaded, the host
# manifest installed, an SMTP server on 127.0.0.1 that refuses RCPT with
# 550 5.1.1, a second one on 127.0.0.1 that refuses connections, and a
# POP3 server holding a bounce Thunderbird fetches as new mail (the test
# types the password into Thunderbird's prompt) and nobody opens. A
# small driver add-on plays the user: it sends a message (refused at
# RCPT), then imports a bounce into the Inbox, opens it and clicks the
# "Check" button of Todoke's panel, then sends from the identity whose
# server refuses connections; the test itself presses each popup's
# "Check" from the keyboard (xdotool). The host logs every request and
# answer (TODOKE_NATIVE_LOG); the test checks the host was asked about
# each failure, the new mail included (messages.onNewMailReceived), and
# answered userunknown and send_connection_refused with
# the guide in the UI's language, that the popups and the bounce's panel
# showed the localized titles, that each Check ran the checks of its
# reason (with the sender and the outgoing server after a failed send)
# and showed their findings, and takes screenshots of the first popup,
# the panel, the panel's findings and the second popup's findings.
#
# Everything runs in a network namespace of its own with only loopback
# (the script enters it, then starts a session bus there): the SMTP server
# is on 127.0.0.1, and the checks' DNS queries fail at once, as on a
# machine offline, so the recipient's domain is "could not check" — the
# right answer offline, and the same on every machine.
#
# test-thunderbird.py --host PATH --xpi PATH --driver-xpi PATH --lang ja|en
#                     --screenshots DIR
# The world it runs in (namespace, SMTP server, profile, Xvfb) is set up
# by thunderbird_world.py. A missing tool is a failure, never a skip.

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile

from thunderbird_world import enter_netns, fail, need, start_pop3, start_smtp, start_xvfb, user_js

TIMEOUT = 150
ALERT_NAMES = 'Send Message Error|メッセージ送信エラー|送信エラー|Error'
PROMPT_NAMES = '[Pp]assword|パスワード'


def read_log(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def answers(lines):
    """(request, answer) JSON pairs from the host log."""
    pairs = []
    request = None
    for line in lines:
        if line.startswith('> '):
            try:
                request = json.loads(line[2:])
            except ValueError:
                request = None
        elif line.startswith('< ') and request is not None:
            pairs.append((request, json.loads(line[2:])))
            request = None
    return pairs


def notices(pairs, event):
    return [pair for pair in pairs if pair[0].get('method') == 'notice'
            and pair[0].get('params', {}).get('event') == event]


def xdotool(env, *args):
    return subprocess.run([need('xdotool'), *args], env=env, capture_output=True, text=True)


def enter_password(env):
    """Answers Thunderbird's password prompt for the POP3 account, as the
    user does the first time (the test's server takes any password)."""
    found = xdotool(env, 'search', '--onlyvisible', '--name', PROMPT_NAMES)
    for window in found.stdout.split():
        xdotool(env, 'windowfocus', '--sync', window)
        xdotool(env, 'type', '--clearmodifiers', 'secret')
        xdotool(env, 'key', '--clearmodifiers', 'Return')
        name = xdotool(env, 'getwindowname', window).stdout.strip()
        print(f'# typed a password into “{name}”', flush=True)


def dismiss_alerts(env):
    found = xdotool(env, 'search', '--onlyvisible', '--name', ALERT_NAMES)
    for window in found.stdout.split():
        xdotool(env, 'windowfocus', '--sync', window)
        xdotool(env, 'key', '--clearmodifiers', 'Return')


def screenshot(env, path):
    time.sleep(1.5)
    result = subprocess.run(['/usr/bin/import', '-window', 'root', path], env=env, capture_output=True)
    if result.returncode != 0 or not os.path.exists(path):
        fail(f'screenshot {path} failed: {result.stderr.decode(errors="replace")}')
    print(f'# screenshot {path}', flush=True)


def check_guide(diagnosis, lang, what, reason):
    if diagnosis.get('reason') != reason:
        fail(f'{what}: reason {diagnosis.get("reason")}, expected {reason}')
    if diagnosis.get('lang') != lang or not diagnosis.get('title') or not diagnosis.get('steps'):
        fail(f'{what}: no {lang} guide in {json.dumps(diagnosis, ensure_ascii=False)[:400]}')
    if lang == 'ja' and not any('\u3040' <= c <= '\u30ff' for c in ''.join(diagnosis['steps'])):
        fail(f'{what}: the steps are not Japanese')
    print(f'ok - {what}: {diagnosis["reason"]} — {diagnosis["title"]}', flush=True)


def pop_bounce(driver_xpi):
    """The driver's bounce, for saburo@example.org instead, as new mail."""
    with zipfile.ZipFile(driver_xpi) as z:
        text = z.read('bounce.eml').decode()
    text = text.replace('hanako@example.org', 'saburo@example.org')
    return text.replace('Message-Id: <20261204001201.', 'Message-Id: <20261204001202.').encode()


def run(args, work):
    home = os.path.join(work, 'home')
    profile = os.path.join(work, 'profile')
    log_path = os.path.join(work, 'host.log')
    os.makedirs(os.path.join(profile, 'extensions'))
    os.makedirs(home)
    shutil.copy(args.xpi, os.path.join(profile, 'extensions', 'todoke@todoke.github.io.xpi'))
    shutil.copy(args.driver_xpi, os.path.join(profile, 'extensions', 'todoke-test-driver@todoke.github.io.xpi'))

    controller, handler, port = start_smtp()
    # Bound but not listening: every connection is refused.
    refusing = socket.socket()
    refusing.bind(('127.0.0.1', 0))
    refused_port = refusing.getsockname()[1]
    # New mail: a bounce for another recipient, which Thunderbird fetches by
    # POP3 and nobody opens.
    pop3, pop_port = start_pop3(pop_bounce(args.driver_xpi))
    with open(os.path.join(profile, 'user.js'), 'w') as f:
        f.write(user_js(port, refused_port, pop_port, args.lang))

    env = dict(os.environ, HOME=home, TODOKE_NATIVE_LOG=log_path, LANG='C.UTF-8',
               LC_ALL='C.UTF-8', MOZ_DISABLE_AUTO_SAFE_MODE='1', XDG_CONFIG_HOME=os.path.join(home, '.config'),
               XDG_CACHE_HOME=os.path.join(home, '.cache'), XDG_DATA_HOME=os.path.join(home, '.local/share'))
    env.pop('WAYLAND_DISPLAY', None)
    installed = subprocess.run([args.host, '--install-manifest'], env=env, capture_output=True, text=True)
    if installed.returncode != 0:
        fail(f'--install-manifest failed: {installed.stderr}')

    xvfb, display = start_xvfb(env)
    env['DISPLAY'] = display
    tb_log = open(os.path.join(work, 'thunderbird.log'), 'w')
    thunderbird = subprocess.Popen([need('thunderbird'), '--profile', profile, '--no-remote'],
                                   env=env, stdout=tb_log, stderr=subprocess.STDOUT)
    try:
        watch(args, env, log_path, thunderbird)
        return check(args, read_log(log_path), handler, pop3.commands, port, refused_port)
    finally:
        refusing.close()
        thunderbird.terminate()
        try:
            thunderbird.wait(10)
        except subprocess.TimeoutExpired:
            thunderbird.kill()
        xvfb.terminate()
        xvfb.wait()
        controller.stop()
        pop3.shutdown()


def press_check(env, xpi, lang, skip):
    """Presses "Check" in the newest popup (not in the windows of @skip)
    from the keyboard, as a user may: Tab to the first button (Check
    comes before Close), then Return. Returns the window, or None."""
    title = extension_message(xpi, lang, 'popupTitle')
    windows = [w for w in xdotool(env, 'search', '--onlyvisible', '--name', re.escape(title)).stdout.split()
               if w not in skip]
    if not windows:
        return None
    xdotool(env, 'windowfocus', '--sync', windows[-1])
    xdotool(env, 'key', '--clearmodifiers', 'Tab', 'Return')
    print(f'# pressed Tab, Return in “{title}” ({windows[-1]})', flush=True)
    return windows[-1]


def popup_diagnoses(pairs):
    """The diagnose requests of popups: they name the outgoing server."""
    return [r for r, _ in pairs if r.get('method') == 'diagnose' and 'server' in r.get('params', {})]


def watch(args, env, log_path, thunderbird):
    """Plays the test's part until both popups and the panel showed their
    findings: screenshots, and Check in each popup (the driver clicks the
    panel's); the first popup is closed once done with."""
    shots = set()
    pressed = []                  # the popup windows pressed, in turn
    presses, pressed_at = 0, 0.0
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if thunderbird.poll() is not None:
            fail(f'Thunderbird exited with {thunderbird.returncode}')
        dismiss_alerts(env)
        enter_password(env)
        pairs = answers(read_log(log_path))
        popups, popup_checks = notices(pairs, 'popup-shown'), notices(pairs, 'popup-checks-shown')
        panel, panel_checks = notices(pairs, 'panel-shown'), notices(pairs, 'panel-checks-shown')
        for name, seen in (('popup', popups), ('panel', panel), ('checks', panel_checks),
                           ('server-checks', popup_checks[1:])):
            if seen and name not in shots:
                shots.add(name)
                screenshot(env, os.path.join(args.screenshots, f'thunderbird-{name}-{args.lang}.png'))
        if len(popups) >= 2 and len(popup_checks) >= 2 and panel_checks:
            return
        if len(popup_checks) == 1 and len(pressed) == 1 and 'closed' not in shots:
            shots.add('closed')
            xdotool(env, 'windowfocus', '--sync', pressed[0])
            xdotool(env, 'key', '--clearmodifiers', 'Escape')
        # Pressed again only when the host heard of no click at all.
        waiting = len(popups) > len(popup_diagnoses(pairs))
        if waiting and presses < len(popups) + 2 and time.monotonic() - pressed_at > 15:
            window = press_check(env, args.xpi, args.lang, pressed[:len(popups) - 1])
            if window is not None:
                presses, pressed_at = presses + 1, time.monotonic()
                if window not in pressed:
                    pressed.append(window)
        time.sleep(0.5)


def check(args, lines, handler, pop3_commands, port, refused_port):
    """What the host was asked and answered, and what the extension showed."""
    pairs = answers(lines)
    if not handler.refused:
        fail('Thunderbird never reached the SMTP server')
    print(f'ok - the SMTP server refused {handler.refused}', flush=True)
    replies = [pair for pair in pairs if pair[0].get('method') == 'classify-reply']
    reply = next((pair for pair in replies if pair[0]['params'].get('server') == f'127.0.0.1:{port}'), None)
    if reply is None:
        fail(f'the host was never asked about the failed send through 127.0.0.1:{port}')
    print(f'ok - the host got: {reply[0]["params"]["text"]}', flush=True)
    check_guide(reply[1]['result']['diagnoses'][0], args.lang, 'failed send', 'userunknown')
    bounces = {}
    for request, answer in pairs:
        for diagnosis in answer.get('result', {}).get('diagnoses', []) if request.get('method') == 'classify-message' else []:
            bounces.setdefault(diagnosis.get('recipient'), (request, answer))
    message = bounces.get('hanako@example.org')
    if message is None:
        fail('the host was never asked about the bounce the driver opened')
    check_guide(message[1]['result']['diagnoses'][0], args.lang, 'bounce', 'userunknown')
    # Fetched by POP3 and never opened: messages.onNewMailReceived.
    if 'RETR' not in pop3_commands:
        fail(f'Thunderbird never fetched the new bounce by POP3: {pop3_commands}')
    new_mail = bounces.get('saburo@example.org')
    if new_mail is None:
        fail('the host was never asked about the new bounce fetched by POP3')
    check_guide(new_mail[1]['result']['diagnoses'][0], args.lang, 'new mail', 'userunknown')
    refused = next((pair for pair in replies if pair[0]['params'].get('server') == f'127.0.0.1:{refused_port}'), None)
    if refused is None:
        fail(f'the host was never asked about the send refused by 127.0.0.1:{refused_port}')
    check_guide(refused[1]['result']['diagnoses'][0], args.lang, 'refused connection', 'send_connection_refused')

    popups, popup_checks = notices(pairs, 'popup-shown'), notices(pairs, 'popup-checks-shown')
    panel, panel_checks = notices(pairs, 'panel-shown'), notices(pairs, 'panel-checks-shown')
    for what, shown, answer in (('popup', popups[:1], reply), ('panel', panel, message),
                                ('second popup', popups[1:2], refused)):
        title = answer[1]['result']['diagnoses'][0]['title']
        if not shown:
            fail(f'the {what} was not shown')
        if title not in shown[0][0]['params'].get('detail', ''):
            fail(f'the {what} showed {shown[0][0]["params"].get("detail")!r}, not {title!r}')
        print(f'ok - the {what} shows “{title}”', flush=True)

    # Offline (this test's network namespace) a domain cannot be checked;
    # after a failed send the sender and the outgoing server are known too.
    sender = {'sender': 'taro@example.jp'}
    check_findings(args.xpi, args.lang, pairs, 'popup', popup_checks[:1],
                   dict(sender, recipient='nobody@example.org', server=f'127.0.0.1:{port}', reason='userunknown'),
                   {('address', 'nobody@example.org'): 'ok', ('address', 'taro@example.jp'): 'ok',
                    ('recipient-dns', 'example.org'): 'not-checked'})
    check_findings(args.xpi, args.lang, pairs, 'panel', panel_checks,
                   {'recipient': 'hanako@example.org', 'reason': 'userunknown'},
                   {('address', 'hanako@example.org'): 'ok', ('recipient-dns', 'example.org'): 'not-checked'})
    check_findings(args.xpi, args.lang, pairs, 'second popup', popup_checks[1:2],
                   dict(sender, recipient='jiro@example.org', server=f'127.0.0.1:{refused_port}',
                        reason='send_connection_refused'),
                   {('server-ports', f'127.0.0.1:{refused_port}'): 'problem'})
    return 0


def extension_message(xpi, lang, name):
    """A string of the extension's _locales."""
    with zipfile.ZipFile(xpi) as z:
        messages = json.loads(z.read(f'_locales/{lang}/messages.json'))
    return messages[name]['message']


def check_findings(xpi, lang, pairs, where, shown, expected_params, expected):
    """The Check of a popup or the panel asked the host to diagnose with
    @expected_params, got the @expected findings ((check, subject) →
    status), and showed each with its status label."""
    diagnose = next((pair for pair in pairs if pair[0].get('method') == 'diagnose'
                     and pair[0].get('params', {}).get('recipient') == expected_params['recipient']), None)
    if diagnose is None:
        fail(f'the {where}\'s Check never asked the host to diagnose {expected_params["recipient"]}')
    params = diagnose[0]['params']
    if params != dict(expected_params, locale=lang):
        fail(f'the {where} asked diagnose with {params}')
    findings = {(f['check'], f['subject']): f for f in diagnose[1]['result']['findings']}
    print(f'ok - the {where}\'s Check ran {sorted(findings)}', flush=True)
    for key, status in expected.items():
        finding = findings.get(key)
        if finding is None or finding.get('status') != status:
            fail(f'{key}: expected {status}, got {json.dumps(finding, ensure_ascii=False)[:400]}')
        if lang == 'ja' and not any('\u3040' <= c <= '\u30ff' for c in finding['summary']):
            fail(f'{key}: the summary is not Japanese: {finding["summary"]}')
    if not shown:
        fail(f'the {where} never showed the findings')
    detail = shown[0][0]['params'].get('detail', '')
    for key, status in expected.items():
        text = f'{extension_message(xpi, lang, "status_" + status.replace("-", "_"))}: {findings[key]["summary"]}'
        if text not in detail:
            fail(f'the {where} showed {detail!r}, not “{text}”')
        print(f'ok - the {where} shows “{text}”', flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', required=True)
    parser.add_argument('--xpi', required=True)
    parser.add_argument('--driver-xpi', required=True)
    parser.add_argument('--lang', choices=['ja', 'en'], required=True)
    parser.add_argument('--screenshots', required=True)
    parser.add_argument('--keep', action='store_true', help='keep the work folder')
    args = parser.parse_args()
    for program in ('thunderbird', 'Xvfb', 'xdotool'):
        need(program)
    if not os.path.exists('/usr/bin/import'):
        fail('ImageMagick (/usr/bin/import) is missing')
    enter_netns()
    os.makedirs(args.screenshots, exist_ok=True)
    work = tempfile.mkdtemp(prefix=f'todoke-tb-{args.lang}-')
    try:
        status = run(args, work)
    except SystemExit:
        print(f'# work folder kept: {work}', flush=True)
        for name in ('host.log', 'thunderbird.log'):
            print(f'# --- {name} (end)', flush=True)
            for line in read_log(os.path.join(work, name))[-40:]:
                print(f'# {line[:300]}', flush=True)
        raise
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(status)


if __name__ == '__main__':
    main()
