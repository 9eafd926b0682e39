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
  g_auto(TodokeMtaLines) lines = { 0 };
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;
  TodokeRecord *pending = NULL;
  char *line;

  if (!_todoke_mta_body_has (message, "Spam & Virus Firewall", 1024))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &line, NULL))
    {
      g_autofree char *address = NULL;
      g_autofree char *sentence = NULL;
      TodokeRecord *record = pending;

      pending = NULL;
      if (record != NULL)
        {
          /* "was blocked by our Spam & Virus Firewall." up to its full stop. */
          sentence = g_strndup (line, strcspn (line, "."));
          _todoke_record_append_diagnostic (record, sentence);
        }
      if (!g_str_has_prefix (line, MESSAGE_TO) ||
          (address = _todoke_text_clean_address (line + strlen (MESSAGE_TO))) == NULL)
        continue;
      record = _todoke_mta_record_for (records, address);
      /* The line after names what happened to it. */
      if (record != NULL && (!enrich || record->diagnostic == NULL))
        pending = record;
    }

  return enrich || records->list->len > before;
}
