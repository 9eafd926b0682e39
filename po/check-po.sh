#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh SOURCE-ROOT
#
# Fails unless every po/<lang>.po is valid (msgfmt --check) and translates
# every message the sources have now: the template is extracted afresh
# (as `meson compile todoke-pot` does) and merged without fuzzy matching, so
# a new or changed string without a translation fails.
set -eu

src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$src"

GETTEXTDATADIRS="$src/data" xgettext --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_set_error:4:c-format --flag=g_printerr:1:c-format \
  --files-from=po/POTFILES.in -o "$tmp/todoke.pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgfmt --check --output-file=/dev/null "po/$lang.po"
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "po/$lang.po" "$tmp/todoke.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
  echo "po/$lang.po: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      echo "po/$lang.po is not complete. Run 'meson compile -C <build> todoke-update-po'" \
           "and translate the new messages:"
      msgattrib --untranslated --only-fuzzy "$tmp/$lang.po" 2>/dev/null | grep '^msgid' || true
      msgattrib --untranslated "$tmp/$lang.po" | grep -A1 '^msgid' | head -40
      status=1
      ;;
  esac
done
exit $status
