#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-help.sh PAGES-DIR [PO C-PAGE...]
#
# Validates the Mallard pages in PAGES-DIR (schema, ids, links). With a po
# file and the C pages, also fails unless the po file translates every
# message of the C pages, with nothing fuzzy.
set -eu

pages=$1
shift
yelp-check validate "$pages"/*.page
yelp-check ids "$pages"/*.page
yelp-check links "$pages"/*.page
[ $# -eq 0 ] && exit 0

po=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
msgfmt --check --output-file=/dev/null "$po"
itstool -o "$tmp/help.pot" "$@"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/help.pot"
stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$tmp/merged.po" 2>&1)
echo "$po: $stats"
case $stats in
  *untranslated*|*fuzzy*)
    echo "$po is not complete; run 'meson compile -C <build> help-todoke-update-po' and translate:"
    msgattrib --untranslated "$tmp/merged.po" | grep -A1 '^msgid' | head -40
    exit 1
    ;;
esac
