/* todoke-mta-postfix.c: Postfix's report text
 *
 *   This is the mail system at host mx.example.jp.
 *   …
 *                      The mail system
 *
 *   <taro@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1
 *       <taro@example.org>: Recipient address rejected: User unknown (in
 *       reply to RCPT TO command)
 *
 *   <hanako@example.org> (expanded from <info@example.jp>): connect to
 *       mx.example.org[192.0.2.26]:25: Connection timed out
 *
 * One paragraph per recipient. "host H[ip] said:" and "(in reply to …
 * command)" are structure (the host and SMTP stage); Postfix's own
 * sentences ("Host or domain name not found", "connect to …: Connection
 * timed out") stay in the diagnostic. Postfix nearly always adds a DSN
 * part, so the paragraphs mostly enrich its records. The SMTP server's
 * "errors from" notice to the postmaster carries an "In:/Out:" session
 * transcript instead.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define IN_REPLY_TO "(in reply to "

static gboolean
is_postfix_report (TodokeMessage *message)
{
  return _todoke_mta_body_has (message, "This is the mail system at host", 2048) ||
         _todoke_mta_body_has (message, "This is the Postfix program at host", 2048) ||
         g_str_has_prefix (message->subject, "Postfix SMTP server: errors from");
}

/* Where Postfix says a session broke off: "refused to talk to me" (the
 * greeting), "lost connection … while sending RCPT TO". */
static void
take_lost_stage (TodokeRecord *record,
                 const char   *text)
{
  static const struct { const char *words; TodokeCommand command; } stages[] = {
    { "refused to talk to me", TODOKE_COMMAND_CONN },
    { "while receiving the initial server greeting", TODOKE_COMMAND_CONN },
    { "while performing the HELO handshake", TODOKE_COMMAND_HELO },
    { "while performing the EHLO handshake", TODOKE_COMMAND_HELO },
    { "while sending MAIL FROM", TODOKE_COMMAND_MAIL },
    { "while sending RCPT TO", TODOKE_COMMAND_RCPT },
    { "while sending message body", TODOKE_COMMAND_DATA },
    { "while sending end of data", TODOKE_COMMAND_DATA },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (stages) && record->command == TODOKE_COMMAND_NONE; i++)
    if (_todoke_text_strcasestr (text, stages[i].words) != NULL)
      record->command = stages[i].command;
}

/* Takes "host H[ip] said:" and "(in reply to X command)" out of @text
 * into the record's fields; returns what is left for the diagnostic. */
static char *
take_structure (TodokeRecord *record,
                const char   *text)
{
  g_autoptr(GString) words = g_string_new (text);
  const char *said = _todoke_text_strcasestr (words->str, " said:");
  const char *host = _todoke_text_strcasestr (words->str, "host ");
  const char *stage;

  if (host == NULL)
    host = _todoke_text_strcasestr (words->str, "connect to ");
  if (host == NULL)
    host = _todoke_text_strcasestr (words->str, "connection with ");
  if (host != NULL && record->remote_host == NULL)
    {
      const char *open = strchr (host, '[');

      if (open != NULL && open - host < 300)
        record->remote_host = _todoke_mta_dup_host (host, strchr (open, ']') != NULL ?
                                                    (gsize) (strchr (open, ']') - host + 1) :
                                                    (gsize) (open - host + 1));
    }
  /* "host H[ip] said: 550 …" is all structure up to the reply. */
  if (said != NULL && host != NULL && host < said && said - host < 300 &&
      (host == words->str || host[-1] == ' '))
    g_string_erase (words, host - words->str, said + strlen (" said:") - host);

  take_lost_stage (record, words->str);
  if ((stage = _todoke_text_strcasestr (words->str, IN_REPLY_TO)) != NULL)
    {
      const char *close = strchr (stage, ')');

      _todoke_mta_fill_from_text (record, stage);
      if (close != NULL)
        g_string_erase (words, stage - words->str, close + 1 - stage);
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* @address is the one the user wrote; @delivered (nullable) the one an
 * alias made of it ("<delivered> (expanded from <address>)"). */
static void
finish_paragraph (TodokeMessage *message,
                  TodokeRecords *records,
                  gboolean       enrich,
                  const char    *address,
                  const char    *delivered,
                  GString       *text)
{
  TodokeRecord *record;
  g_autofree char *words = NULL;
  g_autofree char *squeezed = _todoke_text_squeeze (text->str);

  if (enrich)
    {
      record = _todoke_records_find (records, address);
      if (record == NULL)
        record = _todoke_records_find (records, delivered);
      if (record == NULL && records->list->len == 1)
        record = g_ptr_array_index (records->list, 0);
      if (record == NULL)
        return;
      words = take_structure (record, squeezed);
      if (record->diagnostic == NULL)
        _todoke_mta_take_reply (record, words);
      return;
    }

  if ((record = _todoke_mta_record_for (records, address)) == NULL)
    return;
  if (delivered != NULL && record->final_recipient == NULL && strcmp (delivered, address) != 0)
    record->final_recipient = g_strdup (delivered);
  g_free (record->action);
  /* Postfix's success template (sent for NOTIFY=SUCCESS and for "sendmail
   * -v") lists the destinations delivery reached, in the same layout. */
  if (_todoke_mta_body_has (message, "was successfully delivered to the destination", 2048))
    record->action = g_strdup ("delivered");
  else
    record->action = g_strdup (_todoke_mta_body_has (message, "THIS IS A WARNING ONLY", 2048) ?
                               "delayed" : "failed");
  words = take_structure (record, squeezed);
  _todoke_mta_take_reply (record, words);
}

/* "<taro@example.org>: …" or "<taro@example.org> (expanded from <…>): …":
 * the address the user wrote (the one expanded from, if any), the one
 * delivery went to in @delivered, and where the text after it starts; or
 * NULL. */
static char *
paragraph_start (const char  *line,
                 gsize        length,
                 char       **delivered,
                 const char **text)
{
  const char *expanded = NULL;
  const char *end = line + length;
  const char *close;
  const char *colon;
  char *address;

  if (length < 4 || line[0] != '<')
    return NULL;
  close = memchr (line, '>', length);
  if (close == NULL || close + 1 >= end)
    return NULL;
  colon = close[1] == ':' ? close + 1 : NULL;
  if (colon == NULL && _todoke_mta_has_prefix (close + 1, end - close - 1, "(expanded from"))
    {
      const char *paren = memchr (close + 1, ')', end - close - 1);

      colon = paren != NULL && paren + 1 < end && paren[1] == ':' ? paren + 1 : NULL;
      expanded = close + 1;
    }
  if (colon == NULL)
    return NULL;
  address = _todoke_text_find_address (line + 1, close - line - 1, NULL);
  *text = colon + 1;
  *delivered = NULL;
  if (address != NULL && expanded != NULL)
    {
      char *written = _todoke_text_find_address (expanded, colon - expanded, NULL);

      if (written != NULL)
        {
          *delivered = address;
          return written;
        }
    }

  return address;
}

/* The SMTP server's notice: " In:  RCPT TO:<…>" / " Out: 451 4.3.0 …". */
static gboolean
read_server_transcript (const char    *report,
                        TodokeRecords *records)
{
  g_autofree char *failure = NULL;
  g_autoptr(GPtrArray) rcpts = g_ptr_array_new_with_free_func (g_free);
  TodokeCommand command = TODOKE_COMMAND_NONE;
  TodokeCommand failed_command = TODOKE_COMMAND_NONE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint i;

  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      if (_todoke_mta_has_prefix (line, length, "In:"))
        {
          const char *what = _todoke_mta_find_in_line (line, length, "In:") + 3;

          while (*what == ' ')
            what++;
          command = _todoke_command_from_text (what);
          if (command == TODOKE_COMMAND_RCPT && rcpts->len < TODOKE_MTA_MAX_RECIPIENTS)
            {
              char *address = _todoke_text_find_address (what, line + length - what, NULL);

              if (address != NULL)
                g_ptr_array_add (rcpts, address);
            }
        }
      else if (_todoke_mta_has_prefix (line, length, "Out:"))
        {
          const char *reply = _todoke_mta_find_in_line (line, length, "Out:") + 4;

          while (*reply == ' ')
            reply++;
          if (*reply == '4' || *reply == '5')
            {
              g_free (failure);
              failure = g_strndup (reply, line + length - reply);
              failed_command = command;
            }
        }
    }
  if (failure == NULL)
    return FALSE;

  for (i = 0; i < MAX (rcpts->len, 1); i++)
    {
      TodokeRecord *record = _todoke_record_new ();

      record->recipient = i < rcpts->len ? g_strdup (g_ptr_array_index (rcpts, i)) : NULL;
      record->action = g_strdup ("failed");
      record->command = failed_command;
      _todoke_mta_take_reply (record, failure);
      _todoke_records_add (records, record);
    }

  return TRUE;
}

gboolean
_todoke_mta_read_postfix (TodokeMessage *message,
                          TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autofree char *address = NULL;
  g_autofree char *delivered = NULL;
  g_autoptr(GString) text = NULL;
  gboolean enrich = _todoke_mta_enriching (records);
  guint before = records->list->len;
  guint found = 0;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;

  if (!is_postfix_report (message))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  if (!enrich && _todoke_mta_body_has (message, "Transcript of session follows", 512))
    return read_server_transcript (report, records);

  text = g_string_new (NULL);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *rest = NULL;
      char *next_delivered = NULL;
      char *next;

      if (length == 0 && address != NULL)
        {
          finish_paragraph (message, records, enrich, address, delivered, text);
          g_clear_pointer (&address, g_free);
          g_clear_pointer (&delivered, g_free);
          continue;
        }
      if ((next = paragraph_start (line, length, &next_delivered, &rest)) != NULL)
        {
          if (address != NULL)
            finish_paragraph (message, records, enrich, address, delivered, text);
          g_free (address);
          g_free (delivered);
          address = next;
          delivered = next_delivered;
          g_string_assign (text, "");
          g_string_append_len (text, rest, line + length - rest);
          if (++found > TODOKE_MTA_MAX_RECIPIENTS)
            break;
          continue;
        }
      if (address != NULL)
        {
          g_string_append_c (text, ' ');
          g_string_append_len (text, line, length);
        }
    }
  if (address != NULL)
    finish_paragraph (message, records, enrich, address, delivered, text);

  if (!enrich && records->list->len == before &&
      _todoke_mta_body_has (message, "Delivery report unavailable", 4096))
    {
      /* The report lost its recipients: the returned message names them. */
      TodokeRecord *record = _todoke_record_new ();

      record->action = g_strdup ("failed");
      _todoke_record_set_diagnostic (record, "Delivery report unavailable");
      _todoke_records_add (records, record);
    }

  return enrich || records->list->len > before;
}
