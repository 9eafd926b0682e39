#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A provider's figure in a guide note only with its source.

Every <note> of todoke-guides.xml.in whose English text states a limit (a
number with MB, recipients, messages, "a day", …) must follow a comment that
names its source: the word "Source" and the page's address (http…). Run as
check-guide-figures.py GUIDES.xml.in; it first checks itself on a small
sample that must fail, so that a broken pattern cannot pass quietly.
"""

import re
import sys
import xml.dom.minidom

FIGURE = re.compile(r'(?<!Microsoft )\b\d[\d,.]*\s*(?:MB|GB|KB|recipients?|messages?|'
                    r'a day|per day|an hour|per hour)\b')


def notes_without_source(text):
    """Return the notes that state a figure with no source comment before them."""
    doc = xml.dom.minidom.parseString(text.encode('utf-8'))
    missing = []
    for note in doc.getElementsByTagName('note'):
        words = ' '.join(''.join(n.data for n in note.childNodes
                                 if n.nodeType == n.TEXT_NODE).split())
        if not FIGURE.search(words):
            continue
        prev = note.previousSibling
        while prev is not None and prev.nodeType == prev.TEXT_NODE and not prev.data.strip():
            prev = prev.previousSibling
        sourced = (prev is not None and prev.nodeType == prev.COMMENT_NODE
                   and 'Source' in prev.data and 'http' in prev.data)
        if not sourced:
            guide = note.parentNode.getAttribute('reason')
            missing.append('%s, note %s: %s' % (guide, note.getAttribute('provider') or '-', words))
    return missing


SAMPLE = '''<todoke-guides version="1"><guide reason="x">
  <!-- Source: "Limits", https://example.com/limits -->
  <note provider="a">A takes messages of up to 20 MB.</note>
  <!-- a comment without its source -->
  <note provider="b">B takes up to 100 recipients per message.</note>
  <note provider="c">C limits the size of one message.</note>
  <note provider="d">Microsoft 365 recipients have their own limits.</note>
</guide></todoke-guides>'''


def main():
    sample = notes_without_source(SAMPLE)
    if len(sample) != 1 or not sample[0].startswith('x, note b:'):
        print('the checker itself is broken: %r' % sample)
        return 1
    with open(sys.argv[1], encoding='utf-8') as f:
        missing = notes_without_source(f.read())
    for m in missing:
        print('figure without a source comment: ' + m)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
