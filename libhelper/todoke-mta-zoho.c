/* todoke-mta-zoho.c: Zoho Mail's reports
 *
 * A failure lists one line per recipient, the reply split into labelled
 * pieces:
 *
 *   taro@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 User unknown
 *
 * and a delay warning ("THIS IS A WARNING MESSAGE ONLY") one bracket each:
 *
 *   [Status: Error, Address: <taro@example.org>, ResponseCode 421, , Host not reachable.]
 *
 * Both become "Invalid Address: 550 5.1.1 User unknown" (kind, code, text).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define ERROR_CODE ", ERROR_CODE :"

/* "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 User unknown" */
static char *
failure_words (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *code = NULL;

  if (strstr (text, ERROR_CODE) == NULL)
    return NULL;
  parts = g_strsplit (text, ERROR_CODE, 3);
  code = g_strdup (parts[1]);

  return g_strdup_printf ("%s: %s %s", g_strstrip (parts[0]), g_strstrip (code),
                          parts[2] != NULL ? parts[2] + strspn (parts[2], ", ") : "");
}

/* "[Status: Error, Address: <…>, ResponseCode 421, , Host not reachable.]" */
static char *
delay_words (const char  *line,
             char       **address)
{
  g_autofree char *inside = g_strndup (line + 1, strcspn (line + 1, "]"));
  g_auto(GStrv) fields = g_strsplit (inside, ",", 16);
  g_autoptr(GString) words = g_string_new (NULL);
  guint i;

  for (i = 0; fields[i] != NULL; i++)
    {
      char *field = g_strstrip (fields[i]);

      if (g_str_has_prefix (field, "Status:"))
        g_string_prepend (words, g_strstrip (field + strlen ("Status:")));
      else if (g_str_has_prefix (field, "Address:"))
        *address = _todoke_text_clean_address (field);
      else if (g_str_has_prefix (field, "ResponseCode"))
        g_string_append_printf (words, ": %s", g_strstrip (field + strlen ("ResponseCode")));
      else if (*field != '\0')
        g_string_append_printf (words, " %s", field);
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

gboolean
_todoke_mta_read_zoho (TodokeMessage *message,
                       TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  gboolean delayed;
  guint before = records->list->len;

  if (!_todoke_mta_header_has (message, "X-Mailer", "Zoho Mail") ||
      message->from_address == NULL || !g_str_has_prefix (message->from_address, "mailer-daemon@"))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  delayed = _todoke_mta_body_has (message, "WARNING MESSAGE ONLY", 1024);
  while (records->list->len - before < TODOKE_MTA_MAX_RECIPIENTS && _todoke_mta_lines_next (&lines, &row, NULL))
    {
      g_autofree char *address = NULL;
      g_autofree char *words = NULL;
      const char *after = NULL;
      TodokeRecord *record;

      if (g_str_has_prefix (row, "[Status:"))
        words = delay_words (row, &address);
      else if ((address = _todoke_text_find_address (row, -1, &after)) != NULL &&
               g_ascii_strncasecmp (row, address, strlen (address)) == 0)
        words = failure_words (after);
      if (address == NULL || words == NULL)
        continue;
      if ((record = _todoke_mta_record_for (records, address)) == NULL)
        continue;
      if (delayed)
        {
          g_free (record->action);
          record->action = g_strdup ("delayed");
        }
      _todoke_mta_take_reply (record, words);
    }

  return records->list->len > before;
}
