/* todoke-mta-yahoo.c: Yahoo! Mail's (and AOL's, on the same system) reports
 *
 *   Sorry, we were unable to deliver your message to the following address.
 *
 *   <taro@example.jp>:
 *   Remote host said: 550 5.1.1 <taro@example.jp>... User Unknown [RCPT_TO]
 *
 *   --- Below this line is a copy of the message.
 *
 * The reply may also come as "550: 5.1.1 …" or as Yahoo's own sentence
 * ("Unable to deliver message after multiple retries, giving up."); the
 * bracket at its end names the SMTP stage.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

#define YAHOO_START "Sorry, we were unable to deliver your message to the following address"

/* "[RCPT_TO]", "[MAIL_FROM]", "[DATA]" or "[CONNECT]" at the end of a reply. */
static void
take_stage (TodokeRecord *record,
            const char   *line,
            gsize         length)
{
  static const struct { const char *mark; TodokeCommand command; } stages[] = {
    { "[RCPT_TO]", TODOKE_COMMAND_RCPT }, { "[MAIL_FROM]", TODOKE_COMMAND_MAIL },
    { "[DATA]", TODOKE_COMMAND_DATA }, { "[BODY]", TODOKE_COMMAND_DATA },
    { "[EHLO]", TODOKE_COMMAND_HELO }, { "[HELO]", TODOKE_COMMAND_HELO },
    { "[CONNECT]", TODOKE_COMMAND_CONN },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (stages); i++)
    if (_todoke_mta_find_in_line (line, length, stages[i].mark) != NULL)
      record->command = stages[i].command;
}

gboolean
_todoke_mta_read_yahoo (TodokeMessage *message,
                        TodokeRecords *records)
{
  g_autofree char *report = NULL;
  TodokeRecord *current = NULL;
  gboolean started = FALSE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, YAHOO_START, 512))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      g_autofree char *address = NULL;
      g_autofree char *words = NULL;

      if (!started)
        {
          started = _todoke_mta_has_prefix (text, length, YAHOO_START);
          continue;
        }
      if (length == 0)
        {
          current = NULL;
          continue;
        }
      /* "<taro@example.jp>:" alone on its line opens a recipient. */
      if (text[0] == '<' && text[length - 1] == ':' &&
          (address = _todoke_text_find_address (text, length, NULL)) != NULL)
        {
          current = NULL;
          if (records->list->len - before >= TODOKE_MTA_MAX_RECIPIENTS)
            continue;
          current = _todoke_mta_record_for (records, address);
          continue;
        }
      if (current == NULL || (before > 0 && current->diagnostic != NULL))
        continue;
      words = g_strndup (text, length);
      _todoke_mta_take_reply (current, words);
      take_stage (current, text, length);
    }

  return started && (records->list->len > before || before > 0);
}
