/* todoke-mta-x6.c: an unnamed gateway's "There was an error sending your mail"
 *
 *   We had trouble delivering your message. Full details follow:
 *
 *   Subject: 'Hello'
 *   Date: 'Thu, 29 Apr 2012 23:34:45 +0000'
 *
 *   1 error(s):
 *
 *   SMTP Server <mx.example.org> rejected recipient <taro@example.org>
 *   (Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]
 *
 *   The following recipients returned permanent errors: hanako@example.org.
 *   Reason: SMTP Server <192.0.2.223> refused to accept your message
 *   (DATA), with the following error message: [554 5.4.6 Hop count exceeded]
 *
 * Each error after "N error(s):" is one line naming its recipients, the
 * server ("SMTP Server <H>"), the stage and the reply in brackets.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define SERVER "SMTP Server <"

static void
take_error (TodokeRecord *record,
            const char   *line)
{
  const char *server = strstr (line, SERVER);
  const char *stage = strstr (line, " (");
  g_autofree char *unbracketed = g_strdup (line);
  char *reply;

  /* "…: [550 5.1.1 User unknown]": the reply, not a reference number. */
  for (reply = strchr (unbracketed, '['); reply != NULL; reply = strchr (reply + 1, '['))
    if (g_ascii_isdigit (reply[1]) && g_ascii_isdigit (reply[2]) && g_ascii_isdigit (reply[3]) &&
        reply[4] == ' ')
      {
        char *close = strchr (reply, ']');

        *reply = ' ';
        if (close != NULL)
          *close = ' ';
      }

  if (server != NULL && strchr (server, '>') != NULL)
    {
      server += strlen (SERVER);
      g_free (record->remote_host);
      record->remote_host = g_ascii_strdown (server, strchr (server, '>') - server);
    }
  if (stage != NULL)
    {
      stage += 2;
      if (g_str_has_prefix (stage, "Error following "))
        stage += strlen ("Error following ");
      record->command = _todoke_command_from_text (stage);
    }
  _todoke_mta_take_reply (record, unbracketed);
}

gboolean
_todoke_mta_read_x6 (TodokeMessage *message,
                     TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  guint before = records->list->len;
  gboolean errors = FALSE;

  if (!_todoke_mta_body_has (message, "We had trouble delivering your message", 256))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row;
      const char *p = line;
      const char *end = strstr (line, ". Reason:");
      char *address;

      if (g_str_has_suffix (line, "error(s):"))
        errors = TRUE;
      /* The errors end where the closing advice or attached headers start. */
      if (g_str_has_prefix (line, "The attachment contains") ||
          g_str_has_prefix (line, "Received:"))
        break;
      if (!errors || strchr (line, '@') == NULL)
        continue;
      /* Every address before ". Reason:" (or the first one) failed. */
      if (end == NULL)
        end = line + strlen (line);
      while ((address = _todoke_text_find_address (p, end - p, &p)) != NULL)
        {
          TodokeRecord *record = _todoke_mta_record_for (records, address);

          if (record != NULL)
            take_error (record, line);
          g_free (address);
          if (strstr (line, ". Reason:") == NULL)
            break;
        }
    }

  return records->list->len > before;
}
