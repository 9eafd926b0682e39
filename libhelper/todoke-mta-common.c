/* todoke-mta-common.c: helpers the non-standard report readers share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-matcher-private.h"
#include "todoke-mta-private.h"
#include "todoke-recipient-private.h"
#include "todoke-smtp-reply-private.h"
#include "todoke-text-private.h"

/* Lines after which a report quotes the message it returns, as the MTAs
 * write them (their sources and documentation). Compared ignoring case
 * against the start of a line, leading blanks, dashes and rules skipped. */
static const char * const original_markers[] = {
  /* qmail qmail-send.c: the bounce and the double bounce */
  "below this line is a copy of the message",
  "below this line is the original bounce",
  /* Exim deliver.c: the message, or only its headers */
  "this is a copy of the message",
  "this is a copy of your message",
  /* Sendmail savemail.c errbody(): without MIME boundaries */
  "original message follows",
  "message header follows",
  "unsent message follows",
  "unsent message below",
  /* OpenSMTPD bounce.c */
  "below is a copy of the original message",
  /* Microsoft Exchange and Outlook.com NDRs */
  "original message headers",
  /* Google and many appliances: "----- Original message -----" */
  "original message",
  /* Courier and others that describe an attachment */
  "enclosed is a copy of the message",
  "the header of the original message is following",
  "included is a copy of the message header",
  "headers of the original message",
  "message headers follow",
  "original mail info",
  /* Gromox local_bounce templates: a summary of the original follows */
  "below is the original mail information",
  /* Lotus/HCL Domino and Notes */
  "returned message",
  "undelivered message",
  /* Chinese providers: "原始邮件" (original mail), "原邮件"; Japanese
   * notices: "元のメッセージ" (Outlook's "----- 元のメッセージ -----") */
  "\u539f\u59cb\u90ae\u4ef6", "\u539f\u90ae\u4ef6", "\u5143\u306e\u30e1\u30c3\u30bb\u30fc\u30b8",
  /* A MIME part written into a plain-text report */
  "content-type: message/rfc822",
  "content-type: text/rfc822-headers",
  NULL
};

static gboolean
is_marker_line (const char *line,
                gsize       length)
{
  const char *p = line;
  const char *end = line + length;
  guint i;

  while (p < end && (*p == ' ' || *p == '\t' || *p == '-' || *p == '=' || *p == '*' ||
                     *p == '_' || *p == '>' || *p == '['))
    p++;
  if (p == end)
    return FALSE;
  for (i = 0; original_markers[i] != NULL; i++)
    if ((gsize) (end - p) >= strlen (original_markers[i]) &&
        g_ascii_strncasecmp (p, original_markers[i], strlen (original_markers[i])) == 0)
      return TRUE;

  return FALSE;
}

/* Does the line start an RFC 5322 header field? With @trace, only one of
 * those that open a message as it travels (RFC 5321 4.4 trace fields and
 * their signatures), which a report's own text never starts a line with. */
static gboolean
is_header_line (const char *line,
                gsize       length,
                gboolean    trace)
{
  static const char * const trace_fields[] = {
    "Received:", "Return-Path:", "DKIM-Signature:", "ARC-Seal:", "Authentication-Results:", NULL
  };
  gsize n;
  guint i;

  if (trace)
    {
      for (i = 0; trace_fields[i] != NULL; i++)
        if (length > strlen (trace_fields[i]) &&
            g_ascii_strncasecmp (line, trace_fields[i], strlen (trace_fields[i])) == 0)
          return TRUE;
      return FALSE;
    }
  for (n = 0; n < length && (g_ascii_isalnum (line[n]) || line[n] == '-'); n++)
    ;

  return n > 0 && n < length && line[n] == ':';
}

/* A returned message quoted without any delimiter line: a trace field at
 * the start of a line followed by more header fields (or its folded
 * continuation) is the returned message's header block, never the report. */
static gboolean
starts_header_block (const char *line,
                     gsize       length,
                     const char *next)
{
  const char *eol;
  gsize next_length;

  if (!is_header_line (line, length, TRUE) || next == NULL)
    return FALSE;
  eol = strchr (next, '\n');
  next_length = eol != NULL ? (gsize) (eol - next) : strlen (next);

  return (next_length > 0 && (next[0] == ' ' || next[0] == '\t')) ||
         is_header_line (next, next_length, FALSE);
}

/* The line that introduces the returned original, or NULL. */
static const char *
find_original (const char *body)
{
  const char *p = body;

  while (p != NULL && *p)
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol != NULL ? (gsize) (eol - p) : strlen (p);

      if (p != body && (is_marker_line (p, length) ||
                        starts_header_block (p, length, eol != NULL ? eol + 1 : NULL)))
        return p;
      p = eol != NULL ? eol + 1 : NULL;
    }

  return NULL;
}

/* The report without the returned original that many formats append. */
char *
_todoke_mta_cut_original (const char *body)
{
  const char *original = find_original (body);

  return original != NULL ? g_strndup (body, original - body) : g_strdup (body);
}

/* The address in header @name ("To") of an original that a plain-text
 * report quotes after its marker line, when no MIME part holds it; NULL
 * when the header names several, which leaves no way to tell. */
char *
_todoke_mta_dup_inline_address (const char *body,
                                const char *name)
{
  const char *original = find_original (body);
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  gsize n = strlen (name);
  gboolean started = FALSE;

  if (original == NULL)
    return NULL;
  _todoke_mta_lines_init (&lines, original);
  _todoke_mta_lines_next (&lines, &line, &length);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      if (length == 0 && started)
        break;
      started = started || length > 0;
      if (length > n && line[n] == ':' && g_ascii_strncasecmp (line, name, n) == 0)
        return _todoke_text_single_address (line + n + 1);
    }

  return NULL;
}

/* The one enrich-or-add decision of the reader contract: the record of
 * @address (NULL: a recipient the report does not name) if there is one;
 * else none when DSN parts decided who failed; else a new failed record,
 * within bounds. */
TodokeRecord *
_todoke_mta_record_for (TodokeRecords *records,
                        const char    *address)
{
  g_autofree char *unwrapped = _todoke_recipient_unwrap (address);
  TodokeRecord *record;

  if (unwrapped != NULL)
    address = unwrapped;
  record = _todoke_records_find (records, address);

  if (record != NULL)
    return record;
  if (records->from_dsn > 0 ||
      records->list->len - records->from_dsn >= TODOKE_MTA_MAX_RECIPIENTS)
    return NULL;
  record = _todoke_record_new ();
  record->recipient = g_strdup (address);
  record->action = g_strdup ("failed");

  return _todoke_records_add (records, record);
}

/* Do DSN parts hold the records, so that a reader only enriches them? */
gboolean
_todoke_mta_enriching (TodokeRecords *records)
{
  return records->from_dsn > 0;
}

/* The report's text without the returned original. */
char *
_todoke_mta_report (TodokeMessage *message)
{
  return _todoke_mta_cut_original (message->body);
}

/* Takes the reply code, status and stage out of free text. */
void
_todoke_mta_fill_from_text (TodokeRecord *record,
                            const char   *text)
{
  char status[16];
  const char *p;

  if (text == NULL)
    return;
  if (record->reply_code == 0)
    record->reply_code = _todoke_text_find_reply_code (text, -1, NULL);
  if (record->status[0] == '\0' && _todoke_text_find_status (text, -1, status, NULL))
    memcpy (record->status, status, sizeof status);
  if (record->command == TODOKE_COMMAND_NONE)
    {
      static const char * const stage_marks[] = {
        "in reply to ", "after ", "error from remote mail server after ", NULL
      };
      guint i;

      for (i = 0; stage_marks[i] != NULL && record->command == TODOKE_COMMAND_NONE; i++)
        if ((p = _todoke_text_strcasestr (text, stage_marks[i])) != NULL)
          {
            p += strlen (stage_marks[i]);
            if (g_ascii_strncasecmp (p, "end of data", 11) == 0 ||
                g_ascii_strncasecmp (p, "end of message", 14) == 0)
              record->command = TODOKE_COMMAND_DATA;
            else
              {
                TodokeCommand command = _todoke_command_from_text (p);

                if (command != TODOKE_COMMAND_NONE && command != TODOKE_COMMAND_CONN)
                  record->command = command;
              }
          }
    }
}

static gboolean
has_local_part (const char         *address,
                const char * const *locals)
{
  guint i;

  if (address == NULL)
    return FALSE;
  for (i = 0; locals[i] != NULL; i++)
    if (g_ascii_strncasecmp (address, locals[i], strlen (locals[i])) == 0)
      return TRUE;

  return FALSE;
}

/* The addresses delivery reports come from. */
gboolean
_todoke_mta_is_daemon_address (const char *address)
{
  static const char * const locals[] = {
    "mailer-daemon@", "postmaster@", "mail-daemon@", "maildaemon@", "mailerdaemon@",
    "double-bounce@", NULL
  };

  return has_local_part (address, locals);
}

/* Role addresses that appear in reports but are never the failed recipient. */
gboolean
_todoke_mta_is_system_address (const char *address)
{
  static const char * const locals[] = { "noreply@", "no-reply@", "root@", NULL };

  return _todoke_mta_is_daemon_address (address) || has_local_part (address, locals);
}

/* Labels before an address that name a recipient, in the Chinese and
 * Japanese words notices use (收件人, 收信人, 收件者, 宛先, 受信者). */
static const char * const recipient_labels[] = {
  "\u6536\u4ef6\u4eba", "\u6536\u4fe1\u4eba", "\u6536\u4ef6\u8005", "\u5b9b\u5148",
  "\u53d7\u4fe1\u8005", NULL
};

/* Labels a notice puts before an address to write to or the sender's own
 * ("Contact: help@…", "お問い合わせ: …", "Original sender: …", "发件人："),
 * never before a failed recipient. */
static const char * const contact_labels[] = {
  "contact", "support", "help", "webmaster", "abuse", "admin", "postmaster", "question",
  "sender", "from", "reply", "write to", "mail us", "email us", "e-mail us",
  "\u554f\u3044\u5408\u308f\u305b", "\u554f\u5408\u305b", "\u9023\u7d61",
  "\u30b5\u30dd\u30fc\u30c8", "\u7a93\u53e3", "\u9001\u4fe1\u8005", "\u5dee\u51fa\u4eba",
  "\u652f\u6301", "\u5ba2\u670d", "\u8054\u7cfb", "\u53d1\u4ef6", "\u767c\u4ef6", NULL
};

/* Headings (lines ending in ":") over an address to write to or an example
 * ("If you need help, write to:", "Addresses look like this:"). */
static const char * const contact_headings[] = {
  "contact", "support", "help", "webmaster", "abuse", "administrator", "postmaster",
  "question", "write to", "for example", "look like", "e.g.",
  "\u554f\u3044\u5408\u308f\u305b", "\u554f\u5408\u305b", "\u9023\u7d61\u5148",
  "\u30b5\u30dd\u30fc\u30c8", "\u7a93\u53e3", "\u652f\u6301", "\u5ba2\u670d", "\u8054\u7cfb", NULL
};

/* Do the @length bytes at @text hold one of @words, ASCII case ignored? */
static gboolean
has_any_word (const char         *text,
              gssize              length,
              const char * const *words)
{
  g_autofree char *folded = g_ascii_strdown (text, length);
  guint i;

  for (i = 0; words[i] != NULL; i++)
    if (strstr (folded, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Does @heading, a line ending in ":", introduce an address to write to or
 * an example rather than the recipients that failed? */
static gboolean
introduces_contact (const char *heading)
{
  g_autofree char *text = g_strchomp (g_strdup (heading));

  return (g_str_has_suffix (text, ":") || g_str_has_suffix (text, "\uff1a")) &&
         has_any_word (text, -1, contact_headings);
}

/* "addr…", "<addr>…" or "Recipient: addr": the line is about that address. */
static gboolean
starts_with_address (const char *line,
                     const char *address)
{
  const char *colon;
  const char *wide;

  /* Header fields of a quoted original name its sender, not a recipient. */
  static const char * const not_recipients[] = {
    "from:", "sender:", "reply-to:", "return-path:", "message-id:", "in-reply-to:",
    "references:", "errors-to:", "received:", "resent-from:", "list-", NULL
  };
  guint i;

  if (g_ascii_strncasecmp (line, address, strlen (address)) == 0)
    return TRUE;
  /* "Recipient: addr", or "收件人：addr" with a full-width colon (U+FF1A),
   * whose labels must name a recipient: support desks use them too. */
  colon = strchr (line, ':');
  wide = strstr (line, "\uff1a");
  if (wide != NULL && (colon == NULL || wide < colon))
    {
      if (!has_any_word (line, wide - line, recipient_labels))
        return FALSE;
      colon = wide + strlen ("\uff1a") - 1;
    }
  if (colon == NULL || colon - line > 30 || strchr (line, '@') < colon ||
      has_any_word (line, colon - line, contact_labels))
    return FALSE;
  for (i = 0; not_recipients[i] != NULL; i++)
    if (g_ascii_strncasecmp (line, not_recipients[i], strlen (not_recipients[i])) == 0)
      return FALSE;
  colon++;
  while (*colon == ' ' || *colon == '\t' || *colon == '<' || *colon == '"' || *colon == '[')
    colon++;
  /* An address type before the address: "[SMTP:taro@example.jp]" (MailEnable, Exchange). */
  if (g_ascii_strncasecmp (colon, "smtp:", 5) == 0)
    colon += 5;

  return g_ascii_strncasecmp (colon, address, strlen (address)) == 0;
}

/* Does an address at the start of a line only go on with the sentence of
 * the line before ("…, for example\nsomeone@example.com; …")? Prose around
 * a report uses example and help addresses; they are never recipients. */
static gboolean
continues_prose (const char *previous,
                 gboolean    previous_opened,
                 const char *after)
{
  gsize n = strlen (previous);
  char last;

  while (*after == '>' || *after == '"')
    after++;
  if (*after == ';' || (*after == ',' && strchr (after, '@') == NULL))
    return TRUE;
  while (n > 0 && (previous[n - 1] == ' ' || previous[n - 1] == '\t'))
    n--;
  if (n == 0 || previous_opened)
    return FALSE;
  last = previous[n - 1];

  return g_ascii_isalpha (last) || last == ',';
}

/* A list bullet at @p: one to three '*' or '-' and a blank ("* ", "*** "). */
static gboolean
is_bullet (const char *p)
{
  guint n = 0;

  while (n < 3 && (p[n] == '*' || p[n] == '-'))
    n++;

  return n > 0 && (p[n] == ' ' || p[n] == '\t');
}

/* Does @words name an address other than @address? */
static gboolean
names_other_address (const char *words,
                     const char *address)
{
  const char *end = NULL;
  const char *p = words;
  char *found;

  while ((found = _todoke_text_find_address (p, -1, &end)) != NULL)
    {
      gboolean other = g_ascii_strcasecmp (found, address) != 0;

      g_free (found);
      if (other)
        return TRUE;
      p = end;
    }

  return FALSE;
}

/* Gives a recipient's paragraph to its record, and to the recipients listed
 * just before it without words of their own ("a@x\nb@y\n\nReason: …"),
 * when the words name no other address: a list shares the words under it. */
static void
give_paragraph (TodokeRecord *current,
                GPtrArray    *waiting,
                const char   *words)
{
  guint i;

  if (current == NULL)
    {
      g_ptr_array_set_size (waiting, 0);
      return;
    }
  _todoke_record_append_diagnostic (current, words);
  _todoke_mta_fill_from_text (current, words);
  for (i = 0; i < waiting->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (waiting, i);

      if (record->diagnostic == NULL && !names_other_address (words, record->recipient))
        {
          _todoke_record_append_diagnostic (record, words);
          _todoke_mta_fill_from_text (record, words);
        }
    }
  g_ptr_array_set_size (waiting, 0);
}

/* The generic reader: in the report text, a line that starts with an
 * address (bare, in <>, or after "To:"/"Recipient:") opens that recipient's
 * paragraph; the following lines up to the next such line are its
 * diagnostic. It fits qmail, Exim, Postfix's human part and many others. */
gboolean
_todoke_mta_read_paragraphs (TodokeMessage *message,
                             const char    *report,
                             TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  g_autofree char *sender = NULL;
  TodokeRecord *current = NULL;
  GString *paragraph = g_string_new (NULL);
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  guint before = records->list->len;
  const char *previous = "";
  const char *heading = "";
  gboolean previous_opened = FALSE;
  gboolean closed = FALSE;
  char *line;

  sender = _todoke_text_clean_address (_todoke_message_get_header (message, "To"));

  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, NULL))
    {
      const char *p = line;
      const char *end = NULL;
      g_autofree char *address = NULL;

      /* Indentation, quoting and list bullets ("* addr", "- addr", "*** addr"). */
      while (*p == ' ' || *p == '\t' || *p == '<' || *p == '"' || *p == '\'' || is_bullet (p))
        p++;
      address = _todoke_text_find_address (p, -1, &end);
      if (address != NULL && current != NULL && !closed && strcmp (address, current->recipient) == 0)
        {
          g_string_append_c (paragraph, '\n');
          g_string_append (paragraph, line);
          previous = line;
          previous_opened = FALSE;
          continue;
        }
      if (address != NULL && starts_with_address (p, address) &&
          !_todoke_mta_is_system_address (address) &&
          !continues_prose (previous, previous_opened, end) && !introduces_contact (heading) &&
          (sender == NULL || strcmp (address, sender) != 0 || records->list->len == before))
        {
          if (current != NULL && !closed && strspn (paragraph->str, " \t\n") == paragraph->len)
            g_ptr_array_add (waiting, current);
          else
            give_paragraph (current, waiting, paragraph->str);
          g_string_truncate (paragraph, 0);
          current = _todoke_mta_record_for (records, address);
          closed = FALSE;
          previous = line;
          previous_opened = TRUE;
          /* The rest of the line after the address often holds the reason. */
          while (*end == '>' || *end == ':' || *end == '"' || *end == ' ' || *end == '.')
            end++;
          g_string_append (paragraph, end);
          continue;
        }
      /* A blank line after the recipient's words ends them: what follows
       * is the report's own prose. */
      if (*p == '\0' && current != NULL && strspn (paragraph->str, " \t\n") < paragraph->len)
        closed = TRUE;
      if (current != NULL && !closed)
        {
          g_string_append_c (paragraph, '\n');
          g_string_append (paragraph, line);
        }
      if (*p != '\0')
        heading = line;
      previous = line;
      previous_opened = FALSE;
    }
  give_paragraph (current, waiting, paragraph->str);
  g_string_free (paragraph, TRUE);

  return records->list->len > before;
}

/* Sentences with which a report names the recipient it failed for, in the
 * words of the big providers' and MTAs' notices ("Your message to … couldn't
 * be delivered", "Delivery has failed to these recipients or groups:"). */
static const char * const naming_sentences[] = {
  "could not be delivered to", "couldn't be delivered to", "couldn\u2019t be delivered to",
  "wasn't delivered to", "was not delivered to", "unable to deliver your message to",
  "unable to deliver message to", "delivery to the following recipient",
  "delivery has failed to these recipients", "failed to deliver to", "undeliverable to",
  "rejected recipient", "the user you are trying to reach", NULL
};

/* The address a naming sentence introduces: later on its line, or alone on
 * the next lines when the sentence ends in ":". */
static char *
named_address (TodokeMtaLines *lines,
               const char     *after,
               GString        *words)
{
  char *address = _todoke_text_find_address (after, -1, NULL);
  char *line;
  gsize length;
  guint i;

  if (address != NULL || strchr (after, ':') == NULL)
    return address;
  for (i = 0; i < 3 && _todoke_mta_lines_next (lines, &line, &length); i++)
    {
      const char *text = _todoke_mta_trim (line, &length);
      const char *end = NULL;

      if (length == 0)
        continue;
      address = _todoke_text_find_address (text, length, &end);
      if (address != NULL && !starts_with_address (text + (*text == '<'), address))
        g_clear_pointer (&address, g_free);
      if (address != NULL)
        _todoke_mta_append_words (words, end, text + length - end, TODOKE_MAX_FIELD_LENGTH);
      return address;
    }

  return NULL;
}

/* The last resort for a report no reader knows and whose recipients start
 * no line: a sentence that names the recipient it failed for. Its line and
 * the lines up to the next blank one are the recipient's words. */
gboolean
_todoke_mta_read_named (const char    *report,
                        TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  g_autoptr(GString) words = g_string_new (NULL);
  TodokeRecord *current = NULL;
  guint before = records->list->len;
  char *line;
  gsize length;

  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      g_autofree char *address = NULL;
      const char *found = NULL;
      guint i;

      for (i = 0; naming_sentences[i] != NULL && found == NULL; i++)
        found = _todoke_text_strcasestr (line, naming_sentences[i]);
      if (found != NULL)
        {
          _todoke_mta_flush_words (current, words, FALSE);
          _todoke_mta_append_words (words, line, length, TODOKE_MAX_FIELD_LENGTH);
          address = named_address (&lines, found + strlen (naming_sentences[i - 1]), words);
          current = address != NULL && !_todoke_mta_is_system_address (address) ?
                    _todoke_mta_record_for (records, address) : NULL;
          continue;
        }
      if (length == 0)
        {
          _todoke_mta_flush_words (current, words, FALSE);
          current = NULL;
        }
      else if (current != NULL)
        _todoke_mta_append_words (words, line, length, TODOKE_MAX_FIELD_LENGTH);
    }
  _todoke_mta_flush_words (current, words, FALSE);

  return records->list->len > before;
}

/* Starts walking a copy of @text (nullable). */
void
_todoke_mta_lines_init (TodokeMtaLines *lines,
                        const char     *text)
{
  lines->text = g_strdup (text != NULL ? text : "");
  lines->cursor = lines->text;
  lines->count = 0;
}

/* Starts walking the report's lines, the returned original cut off. */
void
_todoke_mta_lines_init_report (TodokeMtaLines *lines,
                               TodokeMessage  *message)
{
  lines->text = _todoke_mta_report (message);
  lines->cursor = lines->text;
  lines->count = 0;
}

/* The next line, NUL-terminated and without its end; @length (nullable)
 * receives its length. The line may be changed in place (g_strstrip()). */
gboolean
_todoke_mta_lines_next (TodokeMtaLines  *lines,
                        char           **line,
                        gsize           *length)
{
  char *p = lines->cursor;
  char *eol;
  gsize n;

  if (p == NULL || *p == '\0' || lines->count >= TODOKE_MTA_MAX_LINES)
    return FALSE;
  eol = strchr (p, '\n');
  n = eol != NULL ? (gsize) (eol - p) : strlen (p);
  lines->cursor = eol != NULL ? eol + 1 : p + n;
  if (n > 0 && p[n - 1] == '\r')
    n--;
  p[n] = '\0';
  lines->count++;
  *line = p;
  if (length != NULL)
    *length = n;

  return TRUE;
}

void
_todoke_mta_lines_clear (TodokeMtaLines *lines)
{
  g_clear_pointer (&lines->text, g_free);
  lines->cursor = NULL;
}

/* Does the line start with @prefix, ignoring case and leading blanks? */
gboolean
_todoke_mta_has_prefix (const char *line,
                        gsize       length,
                        const char *prefix)
{
  gsize n = strlen (prefix);

  while (length > 0 && (*line == ' ' || *line == '\t'))
    {
      line++;
      length--;
    }

  return length >= n && g_ascii_strncasecmp (line, prefix, n) == 0;
}

/* Where @needle occurs in the line, ignoring case; NULL if it does not. */
const char *
_todoke_mta_find_in_line (const char *line,
                          gsize       length,
                          const char *needle)
{
  gsize n = strlen (needle);
  char lower;
  char upper;
  gsize i;

  if (n == 0 || length < n)
    return NULL;
  lower = g_ascii_tolower (needle[0]);
  upper = g_ascii_toupper (needle[0]);
  for (i = 0; i + n <= length; i++)
    if ((line[i] == lower || line[i] == upper) &&
        g_ascii_strncasecmp (line + i, needle, n) == 0)
      return line + i;

  return NULL;
}

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_';
}

/* The host a report names as "mx.example.jp [192.0.2.1]",
 * "mx.example.jp[192.0.2.1]" or "[192.0.2.1]" in the first @length bytes
 * of @text: the name if there is one, else the address; lower-case. */
char *
_todoke_mta_dup_host (const char *text,
                      gsize       length)
{
  const char *open = memchr (text, '[', length);
  const char *close;
  const char *end;
  const char *start;

  if (open == NULL)
    return NULL;
  end = open;
  while (end > text && end[-1] == ' ')
    end--;
  start = end;
  while (start > text && is_host_char (start[-1]))
    start--;
  while (start < end && !g_ascii_isalnum (*start))
    start++;
  if (start < end && memchr (start, '.', end - start) != NULL)
    return g_ascii_strdown (start, end - start);

  close = memchr (open, ']', length - (open - text));
  if (close == NULL || close == open + 1)
    return NULL;

  return g_ascii_strdown (open + 1, close - open - 1);
}

/* Does the top-level header @name contain @needle (ignoring case)? */
gboolean
_todoke_mta_header_has (TodokeMessage *message,
                        const char    *name,
                        const char    *needle)
{
  const char *value = _todoke_message_get_raw_header (message, name);

  return value != NULL && _todoke_text_strcasestr (value, needle) != NULL;
}

/* Does the report text hold @needle, exactly as written, in its first
 * @within bytes? Every reader asks this of every message it is offered,
 * so it is memmem() over a bounded window: MTAs write their sentences
 * with fixed case, near the top. */
gboolean
_todoke_mta_body_has (TodokeMessage *message,
                      const char    *needle,
                      gsize          within)
{
  gsize length = strlen (needle);
  gsize i;

  /* Most readers are offered most messages and are not their format: a
   * byte pair of the needle missing from the top of the report says so
   * without scanning it. */
  if (within <= TODOKE_MESSAGE_HEAD_LENGTH)
    {
      const TodokeBigrams *head = _todoke_message_get_head_bigrams (message);

      for (i = 0; i + 1 < length; i++)
        if (!_todoke_bigrams_has (head, _todoke_bigram_key (needle[i], needle[i + 1])))
          return FALSE;
    }

  return memmem (message->body, strnlen (message->body, within), needle, length) != NULL;
}

/* Adds a server reply (one or several "550-…" lines, maybe after the MTA's
 * own sentence about it) to the record's diagnostic as one line and takes
 * the reply code, enhanced status and SMTP stage it names. */
void
_todoke_mta_take_reply (TodokeRecord *record,
                        const char   *text)
{
  g_autoptr(TodokeRecord) reply = NULL;

  if (text == NULL || *text == '\0')
    return;
  reply = _todoke_record_new ();
  _todoke_smtp_reply_parse_into (text, reply);
  _todoke_record_append_diagnostic (record, reply->diagnostic);
  if (reply->reply_code != 0)
    record->reply_code = reply->reply_code;
  if (reply->status[0] != '\0')
    memcpy (record->status, reply->status, sizeof record->status);
  _todoke_mta_fill_from_text (record, text);
}

/* Skips the white space around a line; returns its start. */
const char *
_todoke_mta_trim (const char *line,
                  gsize      *length)
{
  while (*length > 0 && (*line == ' ' || *line == '\t'))
    {
      line++;
      (*length)--;
    }
  while (*length > 0 && (line[*length - 1] == ' ' || line[*length - 1] == '\t'))
    (*length)--;

  return line;
}

/* A host name at the start of @text ("mx.example.jp." or "[192.0.2.1]"),
 * lower-case, without the final dot; NULL if there is none. */
char *
_todoke_mta_take_host (const char *text)
{
  const char *p = text;
  gsize n;

  if (text == NULL)
    return NULL;
  while (*p == ' ' || *p == '\t' || *p == '(')
    p++;
  if (*p == '[')
    {
      p++;
      n = strspn (p, "0123456789abcdefABCDEF.:");
      return n > 0 && p[n] == ']' ? g_strndup (p, n) : NULL;
    }
  n = strspn (p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");
  while (n > 0 && (p[n - 1] == '.' || p[n - 1] == '-'))
    n--;
  if (n < 3 || memchr (p, '.', n) == NULL || n > 255)
    return NULL;

  return g_ascii_strdown (p, n);
}

/* The addresses of an X-Failed-Recipients header (comma-separated). */
GPtrArray *
_todoke_mta_failed_recipients (TodokeMessage *message)
{
  const char *value = _todoke_message_get_header (message, "X-Failed-Recipients");
  GPtrArray *addresses = g_ptr_array_new_with_free_func (g_free);
  const char *end = NULL;
  char *address;

  while (value != NULL && addresses->len < 1000 &&
         (address = _todoke_text_find_address (value, -1, &end)) != NULL)
    {
      g_ptr_array_add (addresses, address);
      value = end;
    }

  return addresses;
}

/* Gives the words gathered in @text to @record (nullable) and empties
 * @text; a DSN record (@enrich) takes them only if it has none. */
void
_todoke_mta_flush_words (TodokeRecord *record,
                         GString      *text,
                         gboolean      enrich)
{
  if (record != NULL && (!enrich || record->diagnostic == NULL))
    _todoke_mta_take_reply (record, text->str);
  g_string_truncate (text, 0);
}

void
_todoke_mta_dialogue_reset (TodokeMtaDialogue *dialogue)
{
  dialogue->n_sent = 0;
  dialogue->n_answered = 0;
}

/* ">>> RCPT TO:<…>": the client sent @command (the text after ">>>"). */
void
_todoke_mta_dialogue_sent (TodokeMtaDialogue *dialogue,
                           const char        *command)
{
  /* Replies to older commands than the window keeps are lost anyway. */
  if (dialogue->n_sent == TODOKE_MTA_DIALOGUE_DEPTH)
    {
      memmove (dialogue->sent, dialogue->sent + 1, sizeof dialogue->sent[0] * (TODOKE_MTA_DIALOGUE_DEPTH - 1));
      dialogue->n_sent--;
      if (dialogue->n_answered > 0)
        dialogue->n_answered--;
    }
  dialogue->sent[dialogue->n_sent++] = _todoke_command_from_text (command);
}

/* Does a reply name a recipient with an addressing status (RFC 3463 X.1.X),
 * as only a reply to RCPT does? */
static gboolean
names_rejected_recipient (const char *reply)
{
  char status[16];
  const char *open = strchr (reply, '<');

  return open != NULL && strchr (open, '@') != NULL && strchr (open, '>') != NULL &&
         _todoke_text_find_status (reply, -1, status, NULL) && status[2] == '1' && status[3] == '.';
}

/* "550 …" but not "550-…": the last line of a failure reply. The replies
 * after it in a pipelined group (RFC 2920: "554 no valid recipients" to
 * DATA) are its consequence, not the reason. */
gboolean
_todoke_mta_is_final_failure (const char *reply)
{
  while (*reply == ' ' || *reply == '\t')
    reply++;

  return (reply[0] == '4' || reply[0] == '5') && g_ascii_isdigit (reply[1]) &&
         g_ascii_isdigit (reply[2]) && (reply[3] == ' ' || reply[3] == '\0');
}

/* "<<< 550 5.1.1 …" (the text after "<<<"): the command this reply line
 * answered. A final line ("550 ", not "550-") closes the reply to the
 * oldest command still waiting. Sendmail shows only the last command of a
 * pipelined group (">>> DATA"): a reply to it that rejects a recipient
 * with an addressing status answered RCPT. */
TodokeCommand
_todoke_mta_dialogue_reply (TodokeMtaDialogue *dialogue,
                            const char        *reply)
{
  TodokeCommand answered = TODOKE_COMMAND_NONE;
  gboolean final;

  while (*reply == ' ' || *reply == '\t')
    reply++;
  final = !(g_ascii_isdigit (reply[0]) && g_ascii_isdigit (reply[1]) && g_ascii_isdigit (reply[2]) &&
            reply[3] == '-');
  if (dialogue->n_answered < dialogue->n_sent)
    answered = dialogue->sent[dialogue->n_answered];
  else if (dialogue->n_sent > 0)
    answered = dialogue->sent[dialogue->n_sent - 1];
  if (answered == TODOKE_COMMAND_DATA && names_rejected_recipient (reply))
    answered = TODOKE_COMMAND_RCPT;
  if (final && dialogue->n_answered < dialogue->n_sent)
    dialogue->n_answered++;

  return answered;
}

/* Adds @length bytes of @text to @out after a space, while @out is shorter
 * than @limit: a report's lines joined into one text. */
void
_todoke_mta_append_words (GString    *out,
                          const char *text,
                          gsize       length,
                          gsize       limit)
{
  if (out->len >= limit || length == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_len (out, text, length);
}

