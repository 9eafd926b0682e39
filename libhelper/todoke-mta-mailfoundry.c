/* todoke-mta-mailfoundry.c: the MailFoundry gateway
 *
 *   Unable to deliver message to: <taro@example.org>
 *   Delivery failed for the following reason:
 *   Server mx.example.org[192.0.2.22] failed with: 550 <taro@example.org> No such user here
 *
 *   This has been a permanent failure.  No further delivery attempts will be made.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define RECIPIENT "Unable to deliver message to:"

gboolean
_todoke_mta_read_mailfoundry (TodokeMessage *message,
                              TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  TodokeRecord *current = NULL;
  gboolean reason = FALSE;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, RECIPIENT, 512) ||
      !_todoke_mta_body_has (message, "Delivery failed for the following reason:", 1024))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = g_strstrip (row);
      const char *said;

      if (g_str_has_prefix (line, RECIPIENT))
        {
          g_autofree char *address = _todoke_text_clean_address (line + strlen (RECIPIENT));

          current = _todoke_mta_record_for (records, address);
          reason = FALSE;
        }
      else if (g_str_has_prefix (line, "Delivery failed for the following reason"))
        reason = TRUE;
      else if (*line == '\0')
        reason = FALSE;
      else if (current != NULL && reason)
        {
          /* "Server H[ip] failed with: 550 …", "H[ip] responded with failure: 552 …" */
          if (current->remote_host == NULL && strchr (line, '[') != NULL)
            current->remote_host = _todoke_mta_dup_host (line, strcspn (line, "]") + 1);
          said = strstr (line, ": ");
          if (!enrich || current->diagnostic == NULL)
            _todoke_mta_take_reply (current,
                                    said != NULL && strchr (line, '[') < said ? said + 2 : line);
        }
    }

  return enrich || records->list->len > before;
}
