/* todoke-mta-barracuda.c: the Barracuda Spam & Virus Firewall
 *
 *   Your message to: taro@example.org
 *   was blocked by our Spam & Virus Firewall. The email you sent with the
 *   following subject has NOT BEEN DELIVERED:
 *
 * The appliance names no reply of its own; its sentence says the message
 * was refused as spam or for a virus. A DSN part usually comes with it.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define MESSAGE_TO "Your message to:"

gboolean
_todoke_mta_read_barracuda (TodokeMessage *message,
                            TodokeRecords *records)
{
  g_auto(GStrv) lines = NULL;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;
  guint i;

  if (!_todoke_mta_body_has (message, "Spam & Virus Firewall", 1024))
    return FALSE;

  lines = _todoke_mta_report_lines (message);
  for (i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_autofree char *address = NULL;
      g_autofree char *sentence = NULL;
      TodokeRecord *record;

      if (!g_str_has_prefix (lines[i], MESSAGE_TO) ||
          (address = _todoke_text_clean_address (lines[i] + strlen (MESSAGE_TO))) == NULL)
        continue;
      record = _todoke_mta_record_for (records, address);
      if (record == NULL || (enrich && record->diagnostic != NULL))
        continue;
      /* "was blocked by our Spam & Virus Firewall." up to its full stop. */
      sentence = g_strndup (lines[i + 1], strcspn (lines[i + 1], "."));
      _todoke_record_append_diagnostic (record, sentence);
    }

  return enrich || records->list->len > before;
}
