/* todoke-mta-james.c: Apache James' bounce mailet (also Verizon's vtext.com)
 *
 *   Error: Invalid user address
 *
 *   Error message below:
 *   550 - Requested action not taken: no such user here
 *
 *   Message details:
 *     Subject: …
 *     MAIL FROM: sender@example.jp
 *     RCPT TO: taro@example.org
 *
 * The "Error:" line and the reply below it explain the failure of each
 * "RCPT TO:" recipient in the details.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

gboolean
_todoke_mta_read_james (TodokeMessage *message,
                        TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) words = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  enum { INTRO, REPLY, DETAILS } part = INTRO;
  guint i;

  if (!_todoke_mta_body_has (message, "Error message below:", 2048) ||
      !_todoke_mta_body_has (message, "Message details:", 4096))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  words = g_string_new (NULL);
  recipients = g_ptr_array_new_with_free_func (g_free);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row;

      if (g_str_has_prefix (line, "Error message below:"))
        part = REPLY;
      else if (g_str_has_prefix (line, "Message details:"))
        part = DETAILS;
      else if (part == INTRO && g_str_has_prefix (line, "Error:"))
        g_string_append_printf (words, "%s\n", line + strlen ("Error:"));
      else if (part == REPLY)
        g_string_append_printf (words, "%s\n", line);
      else if (part == DETAILS && _todoke_mta_has_prefix (line, strlen (line), "RCPT TO:"))
        {
          g_auto(GStrv) addresses = g_strsplit (strchr (line, ':') + 1, ",",
                                                TODOKE_MTA_MAX_RECIPIENTS);
          guint j;

          for (j = 0; addresses[j] != NULL; j++)
            {
              char *address = _todoke_text_clean_address (addresses[j]);

              if (address != NULL)
                g_ptr_array_add (recipients, address);
            }
        }
    }

  for (i = 0; i < recipients->len; i++)
    {
      TodokeRecord *record = _todoke_mta_record_for (records, g_ptr_array_index (recipients, i));

      if (record != NULL)
        _todoke_mta_take_reply (record, words->str);
    }

  return recipients->len > 0;
}
