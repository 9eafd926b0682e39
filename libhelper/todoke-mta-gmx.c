/* todoke-mta-gmx.c: GMX and 1&1 (mail.com, web.de's siblings)
 *
 *   A message that you sent could not be delivered to one or more of
 *   its recipients. This is a permanent error. The following address
 *   failed:
 *
 *   "taro@example.org":
 *   SMTP error from remote server after RCPT command:
 *   host: mx.example.org
 *   5.1.1 <taro@example.org>... User unknown
 *
 *   --- The header of the original message is following. ---
 *
 * A recipient stands alone on its line ("addr", "\"addr\":", "<addr>");
 * the lines after it give the stage, the host and the reply, or
 * "Reason:" / "For the following reason:" and the provider's sentence.
 * 1&1 also writes "SMTP error from remote server for TEXT command, host:
 * H (ip) reason: 550 …" on one line (TEXT is the message's content).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define SMTP_ERROR       "SMTP error from remote server"
#define ORIGINAL_FOLLOWS "--- The header of the original message is following. ---"

/* A line holding only an address, maybe quoted and with a colon. */
static char *
lone_address (const char *line)
{
  const char *after = NULL;
  char *address = _todoke_text_find_address (line, -1, &after);

  if (address == NULL)
    return NULL;
  if (strspn (line, "<\" ") + strlen (address) + strspn (after, ">\": ") != strlen (line))
    g_clear_pointer (&address, g_free);

  return address;
}

/* "SMTP error from remote server after RCPT command:" or "… for TEXT
 * command, host: H (ip) reason: 550 …"; returns what is left. */
static const char *
take_smtp_error (TodokeRecord *record,
                 const char   *line)
{
  const char *stage = strstr (line, " after ");
  const char *host = strstr (line, "host: ");
  const char *reason = strstr (line, "reason: ");

  if (stage == NULL)
    stage = strstr (line, " for ");
  if (stage != NULL)
    {
      stage = strchr (stage + 1, ' ') + 1;
      record->command = g_str_has_prefix (stage, "TEXT") ? TODOKE_COMMAND_DATA :
                        _todoke_command_from_text (stage);
    }
  if (host != NULL && record->remote_host == NULL)
    {
      host += strlen ("host: ");
      record->remote_host = g_ascii_strdown (host, strcspn (host, " ("));
    }

  return reason != NULL ? reason + strlen ("reason: ") : "";
}

gboolean
_todoke_mta_read_gmx (TodokeMessage *message,
                      TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) text = NULL;
  TodokeRecord *current = NULL;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, ORIGINAL_FOLLOWS, 8192))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  text = g_string_new (NULL);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row;
      g_autofree char *address = lone_address (line);

      if (address != NULL)
        {
          _todoke_mta_flush_words (current, text, enrich);
          current = _todoke_mta_record_for (records, address);
          continue;
        }
      if (current == NULL || *line == '\0' || g_str_has_suffix (line, "reason:") ||
          g_str_equal (line, "Reason:"))
        continue;
      if (g_str_has_prefix (line, SMTP_ERROR))
        line = take_smtp_error (current, line);
      else if (g_str_has_prefix (line, "host: "))
        {
          if (current->remote_host == NULL)
            current->remote_host = g_ascii_strdown (line + 6, strcspn (line + 6, " ("));
          continue;
        }
      g_string_append_printf (text, "%s\n", line);
    }
  _todoke_mta_flush_words (current, text, enrich);

  return enrich || records->list->len > before;
}
