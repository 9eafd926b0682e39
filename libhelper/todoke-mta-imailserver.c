/* todoke-mta-imailserver.c: Ipswitch IMail Server ("SMTP32")
 *
 *   Unknown user: taro@example.org
 *   Original message follows.
 *
 * or, with the server's reply:
 *
 *   undeliverable to taro@example.org
 *   Body of message generated response:
 *   550-REJECTED - Blacklisted URL in message.
 *   550 …
 *
 * IMail's sentence ends with the recipient ("Unknown user:", "Invalid
 * final delivery userid:", "Delivery failed 20 attempts:"); a copy of the
 * report's own headers (To:, Subject:) may come first and is skipped.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

static gboolean
is_header_line (const char *line)
{
  static const char * const names[] = { "To:", "CC:", "From:", "Date:", "Subject:", NULL };
  guint i;

  for (i = 0; names[i] != NULL; i++)
    if (g_ascii_strncasecmp (line, names[i], strlen (names[i])) == 0)
      return TRUE;

  return FALSE;
}

gboolean
_todoke_mta_read_imailserver (TodokeMessage *message,
                              TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) reply = NULL;
  TodokeRecord *current = NULL;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!_todoke_mta_header_has (message, "X-Mailer", "<SMTP32 v"))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  reply = g_string_new (NULL);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = g_strstrip (row);
      const char *after = NULL;
      g_autofree char *address = NULL;

      if (*line == '\0' || is_header_line (line))
        continue;
      address = _todoke_text_find_address (line, -1, &after);
      /* The sentence ends with the recipient. */
      if (address != NULL && after[strspn (after, " .>")] == '\0')
        {
          g_autofree char *sentence = g_strndup (line, after - strlen (address) - line);

          /* "undeliverable to": the reply below says why. */
          g_strchomp (g_strdelimit (sentence, "<:", ' '));
          if (g_str_has_suffix (sentence, " to"))
            sentence[strlen (sentence) - 3] = '\0';

          _todoke_mta_flush_words (current, reply, enrich);
          current = _todoke_mta_record_for (records, address);
          if (current != NULL && (!enrich || current->diagnostic == NULL))
            g_string_append_printf (reply, "%s\n", sentence);
          continue;
        }
      if (current != NULL && !g_str_has_suffix (line, "generated response:"))
        g_string_append_printf (reply, "%s\n", line);
    }
  _todoke_mta_flush_words (current, reply, enrich);

  return enrich || records->list->len > before;
}
