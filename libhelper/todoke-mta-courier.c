/* todoke-mta-courier.c: the Courier mail server's report text
 *
 *   This is a delivery status notification from mx.example.jp,
 *   running the Courier mail server, version 0.65.2.
 *   …
 *   Your message to the following recipients cannot be delivered:
 *
 *   <taro@example.org>:
 *       mx.example.org [192.0.2.95]:
 *   >>> RCPT TO:<taro@example.org>
 *   <<< 550 5.1.1 <taro@example.org>... User Unknown
 *
 * Each "<address>:" paragraph names the host, what was sent (">>>") and
 * the reply ("<<<"); other lines are Courier's own words ("No such
 * domain."). Courier adds a DSN part, which these paragraphs enrich.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

gboolean
_todoke_mta_read_courier (TodokeMessage *message,
                          TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) text = NULL;
  TodokeRecord *current = NULL;
  TodokeMtaDialogue dialogue = { 0 };
  gboolean failed = FALSE;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, "running the Courier mail server", 1024))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  text = g_string_new (NULL);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row;
      gsize length = strlen (line);
      g_autofree char *address = NULL;

      if (length > 4 && line[0] == '<' && g_str_has_suffix (line, ">:") &&
          (address = _todoke_text_find_address (line, length, NULL)) != NULL)
        {
          _todoke_mta_flush_words (current, text, enrich);
          current = _todoke_mta_record_for (records, address);
          _todoke_mta_dialogue_reset (&dialogue);
          failed = FALSE;
          continue;
        }
      if (current == NULL)
        continue;
      if (g_str_has_prefix (line, "----"))
        {
          _todoke_mta_flush_words (current, text, enrich);
          current = NULL;
        }
      else if (g_str_has_prefix (line, ">>> "))
        _todoke_mta_dialogue_sent (&dialogue, line + 4);
      else if (g_str_has_prefix (line, "<<< "))
        {
          TodokeCommand answered = _todoke_mta_dialogue_reply (&dialogue, line + 4);

          if (failed)
            continue;
          current->command = answered;
          failed = _todoke_mta_is_final_failure (line + 4);
          g_string_append_printf (text, "%s\n", line + 4);
        }
      else if (line[0] == ' ' && g_str_has_suffix (line, "]:") && strchr (line, '[') != NULL)
        {
          if (current->remote_host == NULL)
            current->remote_host = _todoke_mta_dup_host (line, length);
        }
      else if (length > 0)
        g_string_append_printf (text, "%s\n", line);
    }
  _todoke_mta_flush_words (current, text, enrich);

  return enrich || records->list->len > before;
}
