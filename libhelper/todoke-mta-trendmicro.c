/* todoke-mta-trendmicro.c: Trend Micro InterScan Messaging Security Suite
 *
 * InterScan reports either its exchange with the server:
 *
 *   Sent <<< RCPT TO:<taro@example.org>
 *   Received >>> 550 5.1.1 <taro@example.org>... user unknown
 *
 * or a sentence of its own, in several wordings:
 *
 *   Unable to deliver message to <taro@example.org> (and other recipients
 *   in the same domain).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define SENT     "Sent <<<"
#define RECEIVED "Received >>>"

gboolean
_todoke_mta_read_trendmicro (TodokeMessage *message,
                             TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autofree char *rcpt = NULL;
  TodokeCommand command = TODOKE_COMMAND_NONE;
  guint before = records->list->len;

  if (_todoke_text_strcasestr (message->from, "InterScan") == NULL &&
      !_todoke_mta_body_has (message, "InterScan", 512))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (records->list->len - before < TODOKE_MTA_MAX_RECIPIENTS && _todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row + strspn (row, " \t");
      const char *sentence;
      TodokeRecord *record;

      if (g_str_has_prefix (line, SENT))
        {
          const char *sent = line + strlen (SENT);

          command = _todoke_command_from_text (sent + strspn (sent, " "));
          g_free (rcpt);
          rcpt = command == TODOKE_COMMAND_RCPT ? _todoke_text_find_address (line, -1, NULL) : NULL;
        }
      else if (g_str_has_prefix (line, RECEIVED " 4") || g_str_has_prefix (line, RECEIVED " 5"))
        {
          g_autofree char *address = rcpt != NULL ? g_strdup (rcpt) :
                                     _todoke_text_find_address (line, -1, NULL);

          if ((record = _todoke_mta_record_for (records, address)) == NULL)
            continue;
          record->command = command;
          _todoke_mta_take_reply (record, line + strlen (RECEIVED));
        }
      else if ((sentence = _todoke_text_strcasestr (line, "Unable to deliver message")) != NULL ||
               (sentence = _todoke_text_strcasestr (line, "could not be delivered to")) != NULL)
        {
          g_autofree char *address = _todoke_text_find_address (sentence, -1, NULL);

          if (address == NULL || (record = _todoke_mta_record_for (records, address)) == NULL)
            continue;
          _todoke_record_append_diagnostic (record, sentence);
        }
    }

  return records->list->len > before;
}
