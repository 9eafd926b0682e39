#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-schemas.sh XMLLINT SCHEMA_DIR SAMPLE_DIR
# Every SAMPLE_DIR/invalid-rules-*.xml must fail todoke-rules.rng and every
# invalid-reasons-*.xml must fail todoke-reasons.rng: a schema that accepts
# everything would pass the tests of the shipped files too.
set -u
xmllint=$1
schemas=$2
samples=$3
failed=0
checked=0

for kind in rules reasons; do
  for sample in "$samples"/invalid-$kind-*.xml; do
    [ -e "$sample" ] || continue
    checked=$((checked + 1))
    if "$xmllint" --noout --relaxng "$schemas/todoke-$kind.rng" "$sample" >/dev/null 2>&1; then
      echo "not rejected: $sample"
      failed=1
    fi
  done
done

if [ "$checked" -lt 2 ]; then
  echo "no invalid samples found in $samples"
  exit 1
fi
echo "$checked invalid samples rejected"
exit $failed
