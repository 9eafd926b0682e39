#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every visible string of the extension comes from _locales, in both
# languages: _locales/en and _locales/ja have the same keys, each key the
# pages, scripts and manifest use exists, and every key is used.
# test-extension-locales.py EXTENSION-DIR

import json
import os
import re
import sys


def main():
    ext = sys.argv[1]
    en = json.load(open(os.path.join(ext, '_locales', 'en', 'messages.json'), encoding='utf-8'))
    ja = json.load(open(os.path.join(ext, '_locales', 'ja', 'messages.json'), encoding='utf-8'))
    failures = []
    if set(en) != set(ja):
        failures.append(f'keys only in en: {sorted(set(en) - set(ja))}, only in ja: {sorted(set(ja) - set(en))}')
    for key, entry in ja.items():
        if not entry.get('message'):
            failures.append(f'ja: {key} is empty')

    used = set()
    for folder, _, files in os.walk(ext):
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith('.html'):
                used |= set(re.findall(r'data-i18n="([A-Za-z_]+)"', open(path, encoding='utf-8').read()))
            elif name.endswith('.js'):
                text = open(path, encoding='utf-8').read()
                used |= set(re.findall(r'\bt \("([A-Za-z_]+)"', text))
                if name == 'render.js':   # s: the strings a page was given
                    used |= set(re.findall(r'\bs\.([A-Za-z_]+)', text))
                for keys in re.findall(r'const keys = \[(.*?)\];', text, re.S):
                    used |= set(re.findall(r'"([A-Za-z_]+)"', keys))
            elif name == 'manifest.json':
                used |= set(re.findall(r'__MSG_([A-Za-z_]+)__', open(path, encoding='utf-8').read()))
    # Built from a prefix and a value: owner_* and status_*.
    dynamic = {k for k in en if k.startswith(('owner_', 'status_'))}
    for key in sorted(used - set(en)):
        failures.append(f'{key} is used but not in _locales')
    for key in sorted(set(en) - used - dynamic):
        failures.append(f'{key} is in _locales but never used')

    for failure in failures:
        print(f'not ok - {failure}')
    print(f'# {len(en)} keys, {len(used)} used by name')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
