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

/* RFC 5965: one record per reported recipient, reason decided by rules. */
static gboolean
read_feedback (TodokeMessage *message,
               GPtrArray     *records)
{
  g_autoptr(GPtrArray) fields = NULL;
  const char *type;
  g_autofree char *recipient = NULL;
  TodokeRecord *record;
  guint i;

  if (message->feedback_report == NULL)
    return FALSE;

  fields = _todoke_fields_parse (message->feedback_report, FALSE, NULL);
  type = _todoke_fields_get (fields, "Feedback-Type");

  for (i = 0; i < fields->len; i++)
    {
      TodokeField *field = g_ptr_array_index (fields, i);
      g_autofree char *address = NULL;

      if (g_ascii_strcasecmp (field->name, "Original-Rcpt-To") != 0 ||
          (address = _todoke_text_clean_address (field->value)) == NULL)
        continue;
      record = _todoke_mta_add_record (records, address);
      record->hint = g_intern_static_string ("feedback");
      record->feedback_type = g_strdup (type);
    }
  if (records->len > 0)
    return TRUE;

  recipient = _todoke_message_dup_original_header (message, "To");
  record = _todoke_record_new ();
  record->recipient = _todoke_text_clean_address (recipient);
  record->hint = g_intern_static_string ("feedback");
  record->feedback_type = g_strdup (type);
  g_ptr_array_add (records, record);

  return TRUE;
}

/* RFC 3834 auto-replies: reported as "vacation", never as a failure. */
static gboolean
is_auto_reply (TodokeMessage *message)
{
  const char *auto_submitted = _todoke_message_get_header (message, "Auto-Submitted");
  static const char * const subjects[] = {
    "out of office", "out of the office", "auto-reply", "autoreply", "auto reply",
    "automatic reply", "vacation", "away from", "abwesenheit", "自動応答", "不在", NULL
  };
  g_autofree char *subject = g_utf8_strdown (message->subject, -1);
  guint i;

  if (auto_submitted != NULL && g_ascii_strncasecmp (auto_submitted, "auto-replied", 12) == 0)
    return TRUE;
  if (_todoke_message_get_header (message, "X-Autoreply") != NULL ||
      _todoke_message_get_header (message, "X-Autorespond") != NULL)
    return TRUE;
  for (i = 0; subjects[i] != NULL; i++)
    if (strstr (subject, subjects[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
read_vacation (TodokeMessage *message,
               GPtrArray     *records)
{
  TodokeRecord *record;

  if (!is_auto_reply (message))
    return FALSE;

  record = _todoke_record_new ();
  record->recipient = g_strdup (message->from_address);
  record->hint = g_intern_static_string ("vacation");
  _todoke_record_set_diagnostic (record, message->subject);
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
  guint i;

  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);

      if (record->diagnostic == NULL || record->command == TODOKE_COMMAND_NONE)
        break;
    }
  if (i == records->len)
    return;

  report = _todoke_mta_cut_original (message->body);
  _todoke_mta_read_paragraphs (message, report, found);
  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);
      TodokeRecord *other = _todoke_mta_find_record (found, record->recipient);

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
}

/* Recipients a report forgot to name: the returned original's To: or the
 * X-Failed-Recipients header many MTAs add. */
static void
fill_missing_recipients (TodokeMessage *message,
                         GPtrArray     *records)
{
  g_autofree char *fallback = NULL;
  const char *failed = _todoke_message_get_header (message, "X-Failed-Recipients");
  guint i;

  fallback = _todoke_text_clean_address (failed);
  if (fallback == NULL)
    {
      g_autofree char *to = _todoke_message_dup_original_header (message, "To");

      fallback = _todoke_text_clean_address (to);
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
  const TodokeMta *mtas;
  gboolean have_dsn;
  gboolean matched = FALSE;
  guint n_mtas = 0;
  guint i;

  if (read_feedback (message, records))
    return records;

  have_dsn = _todoke_dsn_extract (message, records);

  mtas = _todoke_mta_get_all (&n_mtas);
  for (i = 0; i < n_mtas && !matched; i++)
    matched = mtas[i].read (message, records);

  if (!have_dsn && !matched && looks_like_bounce (message))
    {
      g_autofree char *report = _todoke_mta_cut_original (message->body);

      _todoke_mta_read_paragraphs (message, report, records);
    }
  else if (have_dsn)
    fill_from_report (message, records);

  if (records->len == 0)
    read_vacation (message, records);

  fill_missing_recipients (message, records);
  for (i = 0; i < records->len; i++)
    prefer_quoted_codes (g_ptr_array_index (records, i));
  if (records->len > MAX_RECIPIENTS)
    g_ptr_array_set_size (records, MAX_RECIPIENTS);

  return records;
}
