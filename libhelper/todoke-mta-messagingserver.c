/* todoke-mta-messagingserver.c: Oracle (Sun, iPlanet) Messaging Server
 *
 *   Your message cannot be delivered to the following recipients:
 *
 *     Recipient address: taro@example.org
 *     Reason: Remote SMTP server has rejected address
 *     Diagnostic code: smtp;550 5.1.1 <taro@example.org>... User unknown
 *     Remote system: dns;mx.example.org (TCP|192.0.2.1|47323|192.0.2.25|25) (…)
 *
 * "Reason" is the server's own sentence, "Diagnostic code" the reply.
 * The report comes with a DSN part, which these fields enrich.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

static const char *
field_value (const char *line,
             const char *name)
{
  line += strspn (line, " \t");
  if (g_ascii_strncasecmp (line, name, strlen (name)) != 0)
    return NULL;
  line += strlen (name);

  return line + strspn (line, " \t");
}

/* Server's sentence first, then the reply it quotes. */
static void
finish (TodokeRecord *record,
        GString      *reason,
        GString      *reply,
        gboolean      thin)
{
  if (record != NULL && thin)
    {
      _todoke_record_append_diagnostic (record, reason->str);
      _todoke_mta_take_reply (record, reply->str);
    }
  g_string_truncate (reason, 0);
  g_string_truncate (reply, 0);
}

gboolean
_todoke_mta_read_messagingserver (TodokeMessage *message,
                                  TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) reason = NULL;
  g_autoptr(GString) reply = NULL;
  TodokeRecord *current = NULL;
  gboolean thin = FALSE;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, "This report relates to a message you sent", 512))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  reason = g_string_new (NULL);
  reply = g_string_new (NULL);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *value;

      if ((value = field_value (row, "Recipient address:")) != NULL)
        {
          g_autofree char *address = _todoke_text_clean_address (value);

          finish (current, reason, reply, thin);
          current = NULL;
          if (address == NULL)
            continue;
          current = _todoke_mta_record_for (records, address);
          /* A DSN record keeps its own diagnostic when it has one. */
          thin = current != NULL && current->diagnostic == NULL;
        }
      else if (current == NULL)
        continue;
      else if ((value = field_value (row, "Reason:")) != NULL)
        g_string_assign (reason, value);
      else if ((value = field_value (row, "Diagnostic code:")) != NULL)
        {
          const char *semi = strchr (value, ';');

          g_string_assign (reply, semi != NULL && semi - value < 10 ? semi + 1 : value);
        }
      else if ((value = field_value (row, "Remote system:")) != NULL &&
               current->remote_host == NULL)
        {
          const char *host = strchr (value, ';') != NULL ? strchr (value, ';') + 1 : value;

          current->remote_host = g_ascii_strdown (host, strcspn (host, " ("));
        }
    }
  finish (current, reason, reply, thin);

  return enrich || records->list->len > before;
}
