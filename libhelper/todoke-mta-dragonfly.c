/* todoke-mta-dragonfly.c: reports of the DragonFly Mail Agent (dma)
 *
 * dma writes one plain-text report per failed recipient:
 *
 *   This is the DragonFly Mail Agent v0.13 at df.example.jp.
 *
 *   There was an error delivering your mail to <taro@example.org>.
 *
 *   mx.example.org [192.0.2.25] did not like our RCPT TO:
 *   550 5.1.1 <taro@example.org>: Recipient address rejected: User unknown
 *
 *   Original message follows.      (or "Message headers follow.")
 *
 * The paragraph between the recipient line and the end marker is either
 * the server's reply after "did not like our <stage>:" or dma's own words
 * ("DNS lookup failure: …", "Could not deliver for the last … seconds").
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define RECIPIENT_LINE "There was an error delivering your mail to"
#define REFUSED_BY     " did not like our "

/* "mx.example.org [192.0.2.25] did not like our RCPT TO:" */
static void
take_refusal (TodokeRecord *record,
              const char   *line,
              const char   *refused)
{
  const char *stage = refused + strlen (REFUSED_BY);

  g_free (record->remote_host);
  record->remote_host = _todoke_mta_dup_host (line, refused - line);
  if (g_ascii_strncasecmp (stage, "final DATA", 10) == 0)
    record->command = TODOKE_COMMAND_DATA;
  else
    record->command = _todoke_command_from_text (stage);
}

static void
finish (TodokeRecord *record,
        GString      *error)
{
  if (record == NULL || error->len == 0)
    return;
  _todoke_mta_take_reply (record, error->str);
  g_string_truncate (error, 0);
}

gboolean
_todoke_mta_read_dragonfly (TodokeMessage *message,
                            TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autoptr(GString) error = NULL;
  TodokeRecord *current = NULL;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, "This is the DragonFly Mail Agent", 256) &&
      !_todoke_mta_header_has (message, "Received", "DragonFly Mail Agent"))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  error = g_string_new (NULL);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *refused;

      if (_todoke_mta_has_prefix (line, length, RECIPIENT_LINE))
        {
          g_autofree char *address = NULL;

          finish (current, error);
          current = NULL;
          address = _todoke_text_find_address (line, length, NULL);
          if (address != NULL)
            current = _todoke_mta_record_for (records, address);
          continue;
        }
      if (current == NULL)
        continue;
      if (error->len == 0 &&
          (refused = _todoke_mta_find_in_line (line, length, REFUSED_BY)) != NULL)
        {
          take_refusal (current, line, refused);
          continue;
        }
      if (length == 0 && error->len > 0 && current->remote_host == NULL)
        g_string_append_c (error, '\n');
      else if (length > 0)
        {
          g_string_append_len (error, line, length);
          g_string_append_c (error, '\n');
        }
    }
  finish (current, error);

  return records->list->len > before;
}
