/* todoke-mta-surfcontrol.c: the SurfControl E-mail Filter
 *
 *   Your message could not be sent.
 *   A transcript of the attempts to send the message follows.
 *   The number of attempts made: 1
 *   Addressed To: taro@example.org
 *
 *   Thu, 29 Apr 2009 23:34:45 +0900
 *   Failed to send to identified host,
 *   taro@example.org: [192.0.2.244], 554 Service currently unavailable
 *   --- Message non-deliverable.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define ADDRESSED "Addressed To:"

gboolean
_todoke_mta_read_surfcontrol (TodokeMessage *message,
                              TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!_todoke_mta_header_has (message, "X-Mailer", "SurfControl"))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = g_strstrip (row);
      const char *after = NULL;
      g_autofree char *address = _todoke_text_find_address (line, -1, &after);
      TodokeRecord *record;

      if (address == NULL)
        continue;
      if (g_str_has_prefix (line, ADDRESSED))
        {
          _todoke_mta_record_for (records, address);
          continue;
        }
      /* "taro@example.org: [192.0.2.244], 554 …": the host and its reply. */
      if (*after != ':' || (record = _todoke_records_find (records, address)) == NULL)
        continue;
      if (record->remote_host == NULL)
        record->remote_host = _todoke_mta_dup_host (after, strlen (after));
      if (!enrich || record->diagnostic == NULL)
        _todoke_mta_take_reply (record, strchr (after, ',') != NULL ? strchr (after, ',') + 1 :
                                                                      after + 1);
    }

  return enrich || records->list->len > before;
}
