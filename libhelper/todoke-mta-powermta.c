/* todoke-mta-powermta.c: PowerMTA's report text
 *
 *   Hello, this is the mail server on mx.example.jp.
 *   I am sending you this message to inform you on the delivery status of a
 *   message you previously sent.  Immediately below you will find a list of
 *   the affected recipients; …
 *
 *     <taro@example.org>  delivery failed; will not continue trying
 *
 * The list says only whether PowerMTA gave up; the DSN part that comes
 * with it carries the reply.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

gboolean
_todoke_mta_read_powermta (TodokeMessage *message,
                           TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, "this is the mail server on", 256) ||
      !_todoke_mta_body_has (message, "list of", 1024))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = g_strstrip (row);
      const char *after = NULL;
      g_autofree char *address = NULL;
      TodokeRecord *record;

      if (line[0] != '<' || (address = _todoke_text_find_address (line, -1, &after)) == NULL ||
          after[0] != '>')
        continue;
      record = _todoke_mta_record_for (records, address);
      if (record == NULL || (enrich && record->diagnostic != NULL))
        continue;
      if (!enrich && strstr (after, "delayed") != NULL)
        {
          g_free (record->action);
          record->action = g_strdup ("delayed");
        }
      _todoke_record_append_diagnostic (record, after + 1);
    }

  return enrich || records->list->len > before;
}
