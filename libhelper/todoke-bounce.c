/* todoke-bounce.c: from a parsed message to one record per recipient
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-bounce-private.h"
#include "todoke-dsn-private.h"
#include "todoke-mta-private.h"
#include "todoke-text-private.h"

#define MAX_RECIPIENTS 1000

/* The first paragraph of a text, at most about @limit bytes, cut at a space. */
static char *
first_paragraph (const char *text,
                 gsize       limit)
{
  const char *start = text;
  const char *end;
  const char *crlf;
  gsize length;

  if (text == NULL)
    return NULL;
  while (*start == '\n' || *start == '\r' || *start == ' ' || *start == '\t')
    start++;
  end = strstr (start, "\n\n");
  crlf = strstr (start, "\r\n\r\n");
  if (crlf != NULL && (end == NULL || crlf < end))
    end = crlf;
  length = end != NULL ? (gsize) (end - start) : strlen (start);
  if (length > limit)
    {
      length = limit;
      while (length > limit / 2 && start[length] != ' ')
        length--;
      while (length > 0 && ((guchar) start[length] & 0xc0) == 0x80)
        length--;
    }

  return g_strndup (start, length);
}

/* Feedback reports written as plain text: the fields of RFC 5965 in the
 * body, without a message/feedback-report part. */
static char *
find_inline_feedback (const char *body)
{
  const char *p = body;

  while (p != NULL && *p)
    {
      if (g_ascii_strncasecmp (p, "Feedback-Type:", 14) == 0)
        return g_strdup (p);
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }

  return NULL;
}

static TodokeRecord *
add_feedback_record (TodokeRecords *records,
                     const char    *address,
                     const char    *type)
{
  TodokeRecord *record = _todoke_records_find (records, address);

  if (record == NULL)
    {
      record = _todoke_record_new ();
      record->recipient = g_strdup (address);
      _todoke_records_add (records, record);
    }

  record->hint = g_intern_static_string ("feedback");
  if (record->feedback_type == NULL)
    record->feedback_type = g_strdup (type);

  return record;
}

/* The complained-about recipient when the report names none: the returned
 * original's own note of it (Microsoft's X-HmXmrOriginalRecipient), else
 * its To: header. */
static char *
feedback_fallback_recipient (TodokeMessage *message)
{
  static const char * const headers[] = { "X-HmXmrOriginalRecipient", "X-Original-To", "To", NULL };
  guint i;

  for (i = 0; headers[i] != NULL; i++)
    {
      g_autofree char *value = _todoke_message_dup_original_header (message, headers[i]);
      char *address = _todoke_text_clean_address (value);

      if (address != NULL)
        return address;
    }

  return NULL;
}

/* RFC 5965 (and its plain-text forerunners), and the unsubscribe notes
 * Apple Mail sends: one record per reported recipient, reason decided by
 * the rules. */
static gboolean
read_feedback (TodokeMessage *message,
               TodokeRecords *index)
{
  GPtrArray *records = index->list;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *inline_report = NULL;
  g_autofree char *summary = NULL;
  const char *report = message->feedback_report;
  const char *unsubscribe = _todoke_message_get_header (message, "X-Apple-Unsubscribe");
  const char *type;
  guint i;

  if (report == NULL && unsubscribe != NULL && g_ascii_strncasecmp (unsubscribe, "true", 4) == 0 &&
      message->from_address != NULL)
    {
      TodokeRecord *record = add_feedback_record (index, message->from_address, "opt-out");

      _todoke_record_set_diagnostic (record, message->body);
      return TRUE;
    }
  if (report == NULL && message->dsn_parts->len == 0)
    report = inline_report = find_inline_feedback (message->body);
  if (report == NULL)
    return FALSE;

  fields = _todoke_fields_parse (report, inline_report != NULL, NULL);
  type = _todoke_fields_get (fields, "Feedback-Type");
  if (inline_report != NULL && type == NULL)
    return FALSE;
  summary = first_paragraph (message->body, 300);

  for (i = 0; i < fields->len && records->len < MAX_RECIPIENTS; i++)
    {
      TodokeField *field = g_ptr_array_index (fields, i);
      g_autofree char *address = NULL;

      if ((g_ascii_strcasecmp (field->name, "Original-Rcpt-To") != 0 &&
           g_ascii_strcasecmp (field->name, "Removal-Recipient") != 0) ||
          (address = _todoke_text_clean_address (field->value)) == NULL)
        continue;
      add_feedback_record (index, address, type);
    }
  if (records->len == 0)
    {
      TodokeRecord *record = _todoke_record_new ();

      record->recipient = feedback_fallback_recipient (message);
      record->hint = g_intern_static_string ("feedback");
      record->feedback_type = g_strdup (type);
      g_ptr_array_add (records, record);
    }
  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);

      if (record->diagnostic == NULL && inline_report == NULL)
        _todoke_record_set_diagnostic (record, summary);
    }

  return TRUE;
}

/* RFC 3834 auto-replies: reported as "vacation", never as a failure. A
 * delivery report marked "Auto-Submitted: auto-replied" (Google and
 * Postfix mark theirs so) is not one. */
static gboolean
is_auto_reply (TodokeMessage *message)
{
  const char *auto_submitted = _todoke_message_get_header (message, "Auto-Submitted");
  const char *precedence = _todoke_message_get_header (message, "Precedence");
  static const char * const subjects[] = {
    "out of office", "out of the office", "auto-reply", "autoreply", "auto reply",
    "automatic reply", "autorespons", "auto-response", "vacation", "away from", "abwesenheit",
    "自動応答", "自動返信", "不在", NULL
  };
  g_autofree char *subject = NULL;
  guint i;

  if (message->has_report || message->dsn_parts->len > 0 || _todoke_mta_is_daemon_address (message->from_address))
    return FALSE;
  if (auto_submitted != NULL && g_ascii_strncasecmp (auto_submitted, "auto-replied", 12) == 0)
    return TRUE;
  if (precedence != NULL && g_ascii_strncasecmp (precedence, "auto_reply", 10) == 0)
    return TRUE;
  if (_todoke_message_get_header (message, "X-Autoreply") != NULL ||
      _todoke_message_get_header (message, "X-Autorespond") != NULL)
    return TRUE;
  subject = g_utf8_strdown (message->subject, -1);
  for (i = 0; subjects[i] != NULL; i++)
    if (strstr (subject, subjects[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Who replied: the sender, unless it is a no-reply address and the reply
 * names the mailbox it answers for. */
static char *
auto_reply_address (TodokeMessage *message,
                    const char    *text)
{
  g_autofree char *to = _todoke_text_clean_address (_todoke_message_get_header (message, "To"));
  const char *p = text;
  const char *end = NULL;

  if (message->from_address == NULL || !_todoke_mta_is_system_address (message->from_address))
    return g_strdup (message->from_address);
  while (p != NULL && *p)
    {
      g_autofree char *address = _todoke_text_find_address (p, -1, &end);

      if (address == NULL)
        break;
      if (g_strcmp0 (address, to) != 0 && !_todoke_mta_is_system_address (address))
        return g_steal_pointer (&address);
      p = end;
    }

  return g_strdup (message->from_address);
}

static gboolean
read_vacation (TodokeMessage *message,
               GPtrArray     *records)
{
  g_autofree char *report = NULL;
  g_autofree char *words = NULL;
  TodokeRecord *record;

  if (!is_auto_reply (message))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  words = first_paragraph (report, 400);
  record = _todoke_record_new ();
  record->recipient = auto_reply_address (message, words);
  record->hint = g_intern_static_string ("vacation");
  _todoke_record_set_diagnostic (record, message->subject);
  _todoke_record_append_diagnostic (record, words);
  g_ptr_array_add (records, record);

  return TRUE;
}

/* Does the message present itself as a delivery report at all? */
static gboolean
looks_like_bounce (TodokeMessage *message)
{
  static const char * const senders[] = {
    "mailer-daemon", "postmaster", "mail delivery", "mail administrator", "maildaemon",
    "mail-daemon", "delivery subsystem", "returned mail", NULL
  };
  static const char * const subjects[] = {
    "undeliver", "undelivered", "returned mail", "delivery fail", "delivery status",
    "failure notice", "mail delivery", "delivery notification", "could not be delivered",
    "nondeliver", "non-deliver", "not delivered", "delivery problem", "mail system error",
    "message not delivered", "rejected", "bounce", "warning: could not send",
    "delayed mail", "delivery has failed", "mail failure", "error", NULL
  };
  g_autofree char *from = g_utf8_strdown (message->from, -1);
  g_autofree char *subject = g_utf8_strdown (message->subject, -1);
  guint i;

  if (message->has_report)
    return TRUE;
  for (i = 0; senders[i] != NULL; i++)
    if (strstr (from, senders[i]) != NULL)
      return TRUE;
  for (i = 0; subjects[i] != NULL; i++)
    if (strstr (subject, subjects[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* A DSN's recipient without the server's words: take its paragraph from
 * the human-readable part, where many MTAs write more than in the DSN. */
static void
fill_from_report (TodokeMessage *message,
                  GPtrArray     *records)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_record_free);
  g_autofree char *report = NULL;
  TodokeRecords index;
  guint i;

  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);

      if (record->diagnostic == NULL || record->command == TODOKE_COMMAND_NONE)
        break;
    }
  if (i == records->len)
    return;

  report = _todoke_mta_report (message);
  _todoke_records_init (&index, found);
  _todoke_mta_read_paragraphs (message, report, &index);
  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);
      TodokeRecord *other = _todoke_records_find (&index, record->recipient);

      if (other == NULL && found->len == 1 && records->len == 1)
        other = g_ptr_array_index (found, 0);
      if (other == NULL)
        continue;
      if (record->diagnostic == NULL && other->diagnostic != NULL)
        record->diagnostic = g_strdup (other->diagnostic);
      if (record->command == TODOKE_COMMAND_NONE)
        record->command = other->command;
      if (record->reply_code == 0)
        record->reply_code = other->reply_code;
      if (record->status[0] == '\0')
        memcpy (record->status, other->status, sizeof record->status);
    }
  _todoke_records_clear (&index);
}

/* The one recipient the report's text names ("…was not delivered to:
 * taro@example.jp"), or NULL when it names none or several. */
static char *
single_named_recipient (TodokeMessage *message)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_record_free);
  g_autofree char *report = _todoke_mta_report (message);
  TodokeRecords index;
  char *address = NULL;

  _todoke_records_init (&index, found);
  if (!_todoke_mta_read_paragraphs (message, report, &index))
    _todoke_mta_read_named (report, &index);
  _todoke_records_clear (&index);
  if (found->len == 1)
    address = g_strdup (((TodokeRecord *) g_ptr_array_index (found, 0))->recipient);

  return address;
}

/* Recipients a report forgot to name (a DSN whose Final-Recipient is no
 * Internet address): the X-Failed-Recipients header many MTAs add, the one
 * recipient the report's text names, or the returned original's To:. */
static void
fill_missing_recipients (TodokeMessage *message,
                         GPtrArray     *records)
{
  g_autofree char *fallback = NULL;
  const char *failed = _todoke_message_get_header (message, "X-Failed-Recipients");
  guint missing = 0;
  guint i;

  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);

      if (record->recipient == NULL || record->recipient[0] == '\0')
        missing++;
    }
  if (missing == 0)
    return;
  /* Only an address that can be no other: a header naming several leaves
   * the recipient unknown rather than wrong. */
  fallback = _todoke_text_single_address (failed);
  if (fallback == NULL && failed == NULL && missing == 1 && records->len == 1)
    fallback = single_named_recipient (message);
  if (fallback == NULL && failed == NULL)
    {
      g_autofree char *to = _todoke_message_dup_original_header (message, "To");
      g_autofree char *cc = _todoke_message_dup_original_header (message, "Cc");

      if (cc == NULL || strchr (cc, '@') == NULL)
        fallback = _todoke_text_single_address (to);
    }

  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);

      if ((record->recipient == NULL || record->recipient[0] == '\0') && fallback != NULL)
        {
          g_free (record->recipient);
          record->recipient = g_strdup (fallback);
        }
    }
}

/* The codes in the server's own words beat those of the report around them:
 * a DSN's "Status: 5.0.0" or "4.4.7" (gave up) is less specific than the
 * "550 5.1.1" the remote server sent, which the diagnostic quotes last. */
static void
prefer_quoted_codes (TodokeRecord *record)
{
  char quoted[16];
  guint code;

  if (record->diagnostic == NULL)
    return;
  if (_todoke_text_find_last_status (record->diagnostic, -1, quoted))
    {
      gboolean generic = g_str_has_suffix (quoted, ".0.0");

      if (record->status[0] == '\0' || g_str_has_suffix (record->status, ".0.0") ||
          (!generic && strcmp (quoted, record->status) != 0 && record->status[0] != '2'))
        memcpy (record->status, quoted, sizeof quoted);
    }
  code = _todoke_text_find_last_reply_code (record->diagnostic, -1);
  if (code != 0)
    record->reply_code = code;
}

GPtrArray *
_todoke_bounce_extract (TodokeMessage *message)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_record_free);
  TodokeRecords index;
  const TodokeMta *mtas;
  gboolean have_dsn;
  gboolean matched = FALSE;
  guint n_mtas = 0;
  guint i;

  _todoke_records_init (&index, records);
  if (read_feedback (message, &index))
    {
      _todoke_records_clear (&index);
      return records;
    }

  have_dsn = _todoke_dsn_extract (message, records);
  _todoke_records_clear (&index);
  _todoke_records_init (&index, records);

  mtas = _todoke_mta_get_all (&n_mtas);
  for (i = 0; i < n_mtas && !matched; i++)
    matched = mtas[i].read (message, &index);

  if (!have_dsn && !matched && looks_like_bounce (message))
    {
      g_autofree char *report = _todoke_mta_report (message);

      if (!_todoke_mta_read_paragraphs (message, report, &index))
        _todoke_mta_read_named (report, &index);
    }
  else if (have_dsn)
    fill_from_report (message, records);

  _todoke_records_clear (&index);
  if (records->len == 0)
    read_vacation (message, records);

  fill_missing_recipients (message, records);
  for (i = 0; i < records->len; i++)
    prefer_quoted_codes (g_ptr_array_index (records, i));
  if (records->len > MAX_RECIPIENTS)
    g_ptr_array_set_size (records, MAX_RECIPIENTS);

  return records;
}
