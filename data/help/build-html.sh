#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-html.sh LANG PO PAGES-OUT HTML-OUT PAGE...
#
# Puts the help pages in LANG into PAGES-OUT (C: copied; other languages:
# translated with PO through itstool, as yelp does at install time) and
# exports them as HTML into HTML-OUT, for desktops without a help browser.
set -eu

lang=$1 po=$2 pages=$3 html=$4
shift 4

rm -rf "$pages" "$html"
mkdir -p "$pages" "$html"
if [ "$lang" = C ]; then
  cp "$@" "$pages/"
else
  msgfmt -o "$pages/$lang.mo" "$po"
  itstool -m "$pages/$lang.mo" -l "$lang" -o "$pages/" "$@"
  rm -f "$pages/$lang.mo"
fi
yelp-build html -o "$html/" "$pages"/*.page
