/* todoke-mta-qmail.c: qmail's reports and those that copy their layout
 *
 *   Hi. This is the qmail-send program at mx.example.jp.
 *   I'm afraid I wasn't able to deliver your message to the following addresses.
 *   This is a permanent error; I've given up. Sorry it didn't work out.
 *
 *   <taro@example.org>:
 *   192.0.2.25 does not like recipient.
 *   Remote host said: 550 5.1.1 <taro@example.org>... User unknown
 *   Giving up on 192.0.2.25.
 *
 *   --- Below this line is a copy of the message.
 *
 * Each "<address>:" line opens that recipient's paragraph. qmail's own
 * sentences tell the host and the SMTP stage ("H does not like recipient",
 * "Connected to H but sender was rejected", "H failed after I sent the
 * message") and stay in the diagnostic with the reply after "Remote host
 * said:" and qmail's "(#5.1.1)" codes. Yahoo's and other providers' qmail
 * ("Unable to deliver message to the following address(es).") read alike.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define REMOTE_SAID "Remote host said:"

static gboolean
is_qmail_report (TodokeMessage *message)
{
  static const char * const marks[] = {
    "This is the qmail-send program",
    "wasn't able to deliver your message to the following addresses",
    "Unable to deliver message to the following address",
    "Below this line is a copy of the message",
    "Enclosed is a copy of the message",
    NULL
  };
  guint i;

  for (i = 0; marks[i] != NULL; i++)
    if (_todoke_mta_body_has (message, marks[i], 4096))
      return TRUE;

  return FALSE;
}

/* qmail's sentences about the session: the host and the stage. */
static void
take_session (TodokeRecord *record,
              const char   *line)
{
  static const struct { const char *words; TodokeCommand command; gboolean after; } sentences[] = {
    { " does not like recipient.", TODOKE_COMMAND_RCPT, FALSE },
    { " failed after I sent the message.", TODOKE_COMMAND_DATA, FALSE },
    { " but sender was rejected.", TODOKE_COMMAND_MAIL, TRUE },
    { " but my name was rejected.", TODOKE_COMMAND_HELO, TRUE },
    { " but greeting failed.", TODOKE_COMMAND_CONN, TRUE },
  };
  const char *progress = strstr (line, "most progress was ");
  const char *remote = strstr (line, "remote host ");
  gsize i;

  /* "no SMTP connection got far enough; most progress was RCPT TO
   * response; remote host 192.0.2.32 said: 550 …" */
  if (progress != NULL)
    record->command = _todoke_command_from_text (progress + strlen ("most progress was "));
  if (remote != NULL && strstr (remote, " said") != NULL && record->remote_host == NULL)
    {
      remote += strlen ("remote host ");
      record->remote_host = g_ascii_strdown (remote, strcspn (remote, " "));
    }

  for (i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      const char *at = strstr (line, sentences[i].words);
      const char *host = line;

      if (at == NULL)
        continue;
      if (sentences[i].after)
        {
          host = strstr (line, "Connected to ");
          if (host == NULL || host > at)
            continue;
          host += strlen ("Connected to ");
        }
      while (host < at && at[-1] == ' ')
        at--;
      /* One word: an address or a name, not a sentence. */
      if (host < at && memchr (host, ' ', at - host) == NULL)
        {
          g_free (record->remote_host);
          record->remote_host = g_ascii_strdown (host, at - host);
        }
      record->command = sentences[i].command;
      return;
    }
}

/* "<taro@example.org>:" opens a paragraph. */
static char *
paragraph_address (const char *line)
{
  gsize length = strlen (line);

  while (length > 0 && line[length - 1] == ' ')
    length--;
  if (length < 5 || line[0] != '<' || line[length - 1] != ':' || line[length - 2] != '>')
    return NULL;

  return _todoke_text_find_address (line + 1, length - 3, NULL);
}

gboolean
_todoke_mta_read_qmail (TodokeMessage *message,
                        TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) text = NULL;
  TodokeRecord *current = NULL;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;

  if (!is_qmail_report (message))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  text = g_string_new (NULL);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row;
      g_autofree char *address = paragraph_address (line);
      const char *rcpt;

      if (address != NULL)
        {
          _todoke_mta_flush_words (current, text, enrich);
          current = _todoke_mta_record_for (records, address);
          continue;
        }
      if (current == NULL)
        continue;
      /* Some builds start with "From: <sender> RCPT: <recipient>". */
      if (g_str_has_prefix (line, "From: <") && (rcpt = strstr (line, " RCPT: <")) != NULL &&
          strchr (rcpt, '>') != NULL)
        line = strchr (rcpt, '>') + 1 + strspn (strchr (rcpt, '>') + 1, " ");
      take_session (current, line);
      if (g_str_has_prefix (line, REMOTE_SAID))
        line += strlen (REMOTE_SAID) + strspn (line + strlen (REMOTE_SAID), " ");
      g_string_append_printf (text, "%s\n", line);
    }
  _todoke_mta_flush_words (current, text, enrich);

  return enrich || records->list->len > before;
}
