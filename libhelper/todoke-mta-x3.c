/* todoke-mta-x3.c: an unnamed MTA's "Delivery Status Notification" text
 *
 *   ==================================================================
 *         This is an automatically generated Delivery Status Notification.
 *
 *   Delivery to the following recipients failed permanently:
 *
 *      * taro@example.org
 *
 *   ==================================================================
 *                            Technical details:
 *
 *   SMTP:RCPT host 192.0.2.8: 553 5.3.0 <taro@example.org>... No such user
 *
 * The heading says how the delivery ended ("failed permanently", "was
 * aborted after 5.0 hour(s)"); a technical line naming a recipient belongs
 * to it, others to every recipient. "SMTP:RCPT host H:" is the stage and
 * the host.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

/* "SMTP:RCPT host 192.0.2.8: 553 …" -> stage, host and the reply. */
static void
take_detail (TodokeRecord *record,
             const char   *line)
{
  const char *text = line;

  if (g_str_has_prefix (line, "SMTP:"))
    {
      const char *host = strstr (line, " host ");

      record->command = _todoke_command_from_text (line + strlen ("SMTP:"));
      if (host != NULL)
        {
          const char *colon = strchr (host + 6, ':');

          if (colon != NULL)
            {
              g_free (record->remote_host);
              record->remote_host = g_ascii_strdown (host + 6, colon - host - 6);
              text = colon + 1;
            }
        }
    }
  _todoke_mta_take_reply (record, text);
}

gboolean
_todoke_mta_read_x3 (TodokeMessage *message,
                     TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autofree char *heading = NULL;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;
  gboolean details = FALSE;
  guint j;

  if (!_todoke_mta_body_has (message, "automatically generated Delivery Status Notification", 512))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row + strspn (row, " \t");
      g_autofree char *address = NULL;

      if (g_str_has_prefix (line, "Technical details"))
        details = TRUE;
      else if (!details && g_str_has_prefix (line, "* ") &&
               (address = _todoke_text_find_address (line, -1, NULL)) != NULL)
        {
          TodokeRecord *record = _todoke_mta_record_for (records, address);

          /* With a DSN part, its records only get what they lack. */
          if (!enrich && record != NULL)
            _todoke_record_set_diagnostic (record, heading);
        }
      else if (!details && g_str_has_suffix (line, ":") && heading == NULL)
        heading = g_strdup (line);
      else if (details && *line != '\0' && *line != '=')
        {
          address = _todoke_text_find_address (line, -1, NULL);
          for (j = enrich ? 0 : before; j < records->list->len; j++)
            {
              TodokeRecord *record = g_ptr_array_index (records->list, j);

              if (enrich && record->diagnostic != NULL)
                continue;
              if (address == NULL || records->list->len == 1 ||
                  g_strcmp0 (record->recipient, address) == 0)
                take_detail (record, line);
            }
        }
    }

  return enrich || records->list->len > before;
}
