/* todoke-record.c: what a parser found out about one recipient
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-record-private.h"
#include "todoke-text-private.h"

TodokeRecord *
_todoke_record_new (void)
{
  return g_new0 (TodokeRecord, 1);
}

void
_todoke_record_free (TodokeRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->recipient);
  g_free (record->diagnostic);
  g_free (record->verbatim);
  g_free (record->remote_host);
  g_free (record->reporting_mta);
  g_free (record->action);
  g_free (record->feedback_type);
  g_free (record);
}

/* The words as received, for people: CR LF read as one line break, blank
 * space around the whole text dropped, nothing else changed. */
void
_todoke_record_set_verbatim (TodokeRecord *record,
                             const char   *text)
{
  GString *out;
  const char *p;

  g_clear_pointer (&record->verbatim, g_free);
  if (text == NULL)
    return;
  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      g_string_append_c (out, *p);
  g_strstrip (out->str);
  record->verbatim = g_string_free (out, out->str[0] == '\0');
}

/* Keeps the server's words as one line of valid UTF-8, bounded in size,
 * for matching, and as received for people. */
void
_todoke_record_set_diagnostic (TodokeRecord *record,
                               const char   *text)
{
  g_autofree char *valid = NULL;

  g_clear_pointer (&record->diagnostic, g_free);
  g_clear_pointer (&record->verbatim, g_free);
  if (text == NULL)
    return;
  valid = _todoke_text_make_valid (text, MIN (strlen (text), TODOKE_MAX_FIELD_LENGTH));
  record->diagnostic = _todoke_text_squeeze (valid);
  if (record->diagnostic[0] == '\0')
    {
      g_clear_pointer (&record->diagnostic, g_free);
      return;
    }
  _todoke_record_set_verbatim (record, valid);
}

void
_todoke_record_append_diagnostic (TodokeRecord *record,
                                  const char   *text)
{
  g_autofree char *joined = NULL;

  if (text == NULL || *text == '\0')
    return;
  if (record->diagnostic == NULL)
    {
      _todoke_record_set_diagnostic (record, text);
      return;
    }
  joined = g_strconcat (record->verbatim != NULL ? record->verbatim : record->diagnostic,
                        "\n", text, NULL);
  _todoke_record_set_diagnostic (record, joined);
}

/* Sets the status from a DSN "Status:" value or free text, if it holds one. */
void
_todoke_record_take_status (TodokeRecord *record,
                            const char   *text)
{
  char status[16];
  const char *p = text;

  if (text == NULL)
    return;
  while (*p == ' ' || *p == '\t')
    p++;
  /* A DSN Status field may legitimately be 2.x.x (delivered). */
  if (p[0] == '2' && p[1] == '.')
    {
      gsize n = strspn (p, "0123456789.");

      if (n < sizeof status && n >= 5)
        {
          memcpy (status, p, n);
          status[n] = '\0';
          if (_todoke_text_is_status_code (status))
            memcpy (record->status, status, n + 1);
        }
      return;
    }
  if (_todoke_text_find_status (p, -1, status, NULL))
    memcpy (record->status, status, strlen (status) + 1);
}

TodokeCommand
_todoke_command_from_text (const char *text)
{
  static const struct { const char *word; TodokeCommand command; } words[] = {
    { "rcpt", TODOKE_COMMAND_RCPT },
    { "mail", TODOKE_COMMAND_MAIL },
    { "data", TODOKE_COMMAND_DATA },
    { "bdat", TODOKE_COMMAND_DATA },
    { "end of data", TODOKE_COMMAND_DATA },
    { "ehlo", TODOKE_COMMAND_HELO },
    { "helo", TODOKE_COMMAND_HELO },
    { "starttls", TODOKE_COMMAND_STARTTLS },
    { "auth", TODOKE_COMMAND_AUTH },
    { "conn", TODOKE_COMMAND_CONN },
  };
  gsize i;

  if (text == NULL)
    return TODOKE_COMMAND_NONE;
  for (i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strncasecmp (text, words[i].word, strlen (words[i].word)) == 0)
      return words[i].command;

  return TODOKE_COMMAND_NONE;
}

const char *
_todoke_command_to_string (TodokeCommand command)
{
  switch (command)
    {
    case TODOKE_COMMAND_CONN: return "CONN";
    case TODOKE_COMMAND_HELO: return "HELO";
    case TODOKE_COMMAND_STARTTLS: return "STARTTLS";
    case TODOKE_COMMAND_AUTH: return "AUTH";
    case TODOKE_COMMAND_MAIL: return "MAIL";
    case TODOKE_COMMAND_RCPT: return "RCPT";
    case TODOKE_COMMAND_DATA: return "DATA";
    case TODOKE_COMMAND_NONE:
    default:
      return NULL;
    }
}
