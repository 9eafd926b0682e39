/* todoke-smtp-reply.c: reading what a client got back from a server
 *
 * Accepts a bare reply ("550 5.1.1 ..."), a multi-line one ("550-5.1.1 ...
 * / 550 5.1.1 ..."), Thunderbird's log line ("mailnews.smtp: Command failed:
 * 550 ...; currentAction=_actionRCPT") and its alert text in any language,
 * where the reply sits somewhere inside.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-smtp-reply-private.h"
#include "todoke-text-private.h"

static const struct
{
  const char    *action;
  TodokeCommand  command;
} tb_actions[] = {
  { "_actionRCPT", TODOKE_COMMAND_RCPT },
  { "_actionMAIL", TODOKE_COMMAND_MAIL },
  { "_actionData", TODOKE_COMMAND_DATA },
  { "_actionDATA", TODOKE_COMMAND_DATA },
  { "_actionMessageSent", TODOKE_COMMAND_DATA },
  { "_actionAUTH", TODOKE_COMMAND_AUTH },
  { "_actionAuth", TODOKE_COMMAND_AUTH },
  { "_actionSTARTTLS", TODOKE_COMMAND_STARTTLS },
  { "_actionEHLO", TODOKE_COMMAND_HELO },
  { "_actionHELO", TODOKE_COMMAND_HELO },
  { "_actionGreeting", TODOKE_COMMAND_CONN },
};

/* Thunderbird's "; currentAction=_actionRCPT" tells the stage; cut it off. */
static TodokeCommand
take_tb_action (char *text)
{
  char *mark = strstr (text, "currentAction=");
  gsize i;

  if (mark == NULL)
    return TODOKE_COMMAND_NONE;
  for (i = 0; i < G_N_ELEMENTS (tb_actions); i++)
    if (g_str_has_prefix (mark + strlen ("currentAction="), tb_actions[i].action))
      {
        char *cut = mark;

        while (cut > text && (cut[-1] == ' ' || cut[-1] == ';'))
          cut--;
        *cut = '\0';
        return tb_actions[i].command;
      }

  return TODOKE_COMMAND_NONE;
}

/* A reply line: three digits, then "-", " " or the end. */
static gboolean
is_reply_line (const char *line,
               guint      *code,
               gboolean   *last)
{
  if (!g_ascii_isdigit (line[0]) || !g_ascii_isdigit (line[1]) || !g_ascii_isdigit (line[2]) ||
      line[0] < '2' || line[0] > '5')
    return FALSE;
  if (line[3] != '-' && line[3] != ' ' && line[3] != '\0' && line[3] != '\r')
    return FALSE;
  *code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  *last = line[3] != '-';

  return TRUE;
}

/* Strips "550-5.1.1 " or "550 " from each line of a reply and joins the
 * text; @first_line and @end_line receive the lines the reply spans. */
static gboolean
parse_reply_lines (char  **lines,
                   guint  *code,
                   char    status[16],
                   char  **message,
                   guint  *first_line,
                   guint  *end_line)
{
  GString *text = g_string_new (NULL);
  guint first = 0;
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint line_code = 0;
      gboolean last = FALSE;
      const char *rest;
      char line_status[16];

      if (*line == '\0')
        continue;
      if (!is_reply_line (line, &line_code, &last))
        {
          if (first != 0)
            break;
          continue;
        }
      if (first == 0)
        {
          first = line_code;
          *first_line = i;
        }
      else if (line_code != first)
        break;
      rest = line + 3 + (line[3] != '\0');
      while (*rest == ' ')
        rest++;
      if (_todoke_text_leading_status (rest, line_status) > 0)
        {
          if (status[0] == '\0')
            memcpy (status, line_status, sizeof line_status);
          rest += strlen (line_status);
          while (*rest == ' ')
            rest++;
        }
      if (text->len > 0 && *rest != '\0')
        g_string_append_c (text, ' ');
      g_string_append (text, rest);
      if (last)
        {
          i++;
          break;
        }
    }

  *code = first;
  *end_line = i;
  *message = g_string_free (text, first == 0);

  return first != 0;
}

static char *
join_lines (char  **lines,
            guint   from,
            guint   to)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = from; i < to && lines[i] != NULL; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }

  return g_string_free (out, FALSE);
}

/* Fills @record with the reply code, status, stage and text found in @text;
 * @message (nullable) receives the reply's own words without codes. */
static void
parse_into (const char    *text,
            TodokeRecord  *record,
            char         **message_out)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *message = NULL;
  TodokeCommand command;
  guint code = 0;
  guint first_line = 0, end_line = 0;
  char status[16] = "";
  char *p;

  if (text == NULL)
    return;
  valid = _todoke_text_make_valid (text, MIN (strlen (text), TODOKE_MAX_REPLY_LENGTH));
  command = take_tb_action (valid);
  if (command != TODOKE_COMMAND_NONE)
    record->command = command;

  /* "mailnews.smtp: Command failed: 550 ..." -> "550 ..." */
  if ((p = strstr (valid, "Command failed:")) != NULL)
    memmove (valid, p + strlen ("Command failed:"), strlen (p + strlen ("Command failed:")) + 1);

  lines = g_strsplit (valid, "\n", -1);
  if (parse_reply_lines (lines, &code, status, &message, &first_line, &end_line) && code >= 200)
    {
      g_autofree char *before = join_lines (lines, 0, first_line);
      g_autofree char *after = join_lines (lines, end_line, G_MAXUINT);
      g_autofree char *joined = NULL;

      record->reply_code = code;
      if (status[0] == '\0')
        _todoke_text_find_status (message, -1, status, NULL);
      memcpy (record->status, status, sizeof status);
      /* Keep the words around the reply too: alert texts matter to rules. */
      joined = g_strdup_printf ("%s\n%u %s%s%s\n%s", before, code, status,
                                status[0] ? " " : "", message, after);
      _todoke_record_set_diagnostic (record, joined);
      /* People see the reply's own lines as they came (not a client's
       * words around them); the rebuilt line is for matching. */
      if (record->diagnostic != NULL)
        {
          g_autofree char *reply = join_lines (lines, first_line, end_line);

          _todoke_record_set_verbatim (record, reply);
        }
      if (message_out != NULL)
        *message_out = g_steal_pointer (&message);
      return;
    }

  /* No reply line of its own: a code inside a sentence ("... responded: 550 ..."). */
  record->reply_code = _todoke_text_find_reply_code (valid, -1, NULL);
  if (_todoke_text_find_status (valid, -1, status, NULL))
    memcpy (record->status, status, sizeof status);
  _todoke_record_set_diagnostic (record, valid);
  if (message_out != NULL)
    *message_out = g_strdup (record->diagnostic);
}

void
_todoke_smtp_reply_parse_into (const char   *text,
                               TodokeRecord *record)
{
  parse_into (text, record, NULL);
}

/* Thunderbird's RCPT alert names the recipient it was about:
 * 'Please check the message recipient "taro@example.jp" and try again.'
 * (メッセージの受信者 "…" を確認し). Other addresses in a reply may be the
 * sender's, so only this form is trusted. */
char *
_todoke_smtp_reply_find_recipient (const char *text)
{
  static const char * const marks[] = { "message recipient \"", "受信者 \"", NULL };
  guint i;

  if (text == NULL)
    return NULL;
  for (i = 0; marks[i] != NULL; i++)
    {
      const char *p = strstr (text, marks[i]);
      const char *close;

      if (p == NULL)
        continue;
      p += strlen (marks[i]);
      close = strchr (p, '"');
      if (close != NULL)
        return _todoke_text_find_address (p, close - p, NULL);
    }

  return NULL;
}

/* Test and tool entry point: the reply code, enhanced code and text alone. */
gboolean
_todoke_smtp_reply_parse (const char  *text,
                          guint       *code,
                          char       **enhanced,
                          char       **message)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();

  g_autofree char *words = NULL;

  parse_into (text, record, &words);
  if (code != NULL)
    *code = record->reply_code;
  if (enhanced != NULL)
    *enhanced = record->status[0] != '\0' ? g_strdup (record->status) : NULL;
  if (message != NULL)
    *message = g_steal_pointer (&words);

  return record->reply_code != 0 || record->status[0] != '\0';
}
