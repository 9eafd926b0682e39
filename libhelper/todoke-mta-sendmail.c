/* todoke-mta-sendmail.c: Sendmail's report text and the many MTAs that copy it
 *
 * Sendmail 8 (before its DSN part), Sendmail 5 (no DSN at all) and several
 * appliances write:
 *
 *      ----- The following addresses had permanent fatal errors -----
 *   <taro@example.org>
 *       (reason: 550 5.1.1 <taro@example.org>... User unknown)
 *
 *      ----- Transcript of session follows -----
 *   ... while talking to mx.example.org.:
 *   >>> RCPT To:<taro@example.org>
 *   <<< 550 5.1.1 <taro@example.org>... User unknown
 *   550 5.1.1 <taro@example.org>... User unknown
 *
 * ">>>" is what we sent, "<<<" what the server answered, "addr... text"
 * Sendmail's verdict on one recipient and "host (smtp)... text" on a host.
 * Other lines are a local mailer's output or Sendmail's summary ("Message
 * could not be delivered for 5 days"). Variants list "addr [reason]" or
 * "addr (reason)" under "The following addresses had delivery errors".
 *
 * A recipient's diagnostic is Sendmail's own words first and the server's
 * reply last, each piece once, so the reply's codes are the ones that stay.
 * When DSN parts were read, the transcript only enriches their records.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-mta-transcript-private.h"
#include "todoke-text-private.h"

/* How far into the report the section markers may start. */
#define DETECT_WITHIN 8192

static gboolean
is_sendmail_report (TodokeMessage *message)
{
  return _todoke_mta_body_has (message, "Transcript of session follows", DETECT_WITHIN) ||
         _todoke_mta_body_has (message, "following addresses had", DETECT_WITHIN);
}

/* Subjects such as "Returned mail: Cannot send message for 5 days" carry
 * Sendmail's summary of the failure; "see transcript for details" does not. */
static const char *
subject_summary (TodokeMessage *message)
{
  static const char * const prefixes[] = { "Returned mail:", "Warning:", "Warning--", NULL };
  const char *subject = message->subject;
  guint i;

  for (i = 0; prefixes[i] != NULL; i++)
    if (g_ascii_strncasecmp (subject, prefixes[i], strlen (prefixes[i])) == 0)
      {
        const char *rest = subject + strlen (prefixes[i]);

        while (*rest == ' ')
          rest++;
        if (*rest == '\0' || _todoke_text_strcasestr (rest, "see transcript") != NULL)
          return NULL;
        return rest;
      }

  return NULL;
}

/* Are the record's words too thin to explain anything ("77", "SMTP;")? */
static gboolean
is_thin (const char *diagnostic)
{
  const char *p;
  guint letters = 0;

  if (diagnostic == NULL)
    return TRUE;
  for (p = diagnostic; *p; p++)
    if (g_ascii_isalpha (*p))
      letters++;

  return letters < 8;
}

static void
enrich (TodokeRecord           *record,
        const TodokeTranscriptEntry *entry,
        const char             *summary)
{
  if (record->command == TODOKE_COMMAND_NONE)
    record->command = entry->command;
  if (record->remote_host == NULL && entry->host != NULL)
    record->remote_host = g_strdup (entry->host);
  if (is_thin (record->diagnostic))
    _todoke_transcript_entry_apply (entry, record, summary);
}

static gboolean
enrich_records (TodokeRecords *records,
                GPtrArray     *entries,
                const char    *summary)
{
  guint i;

  if (entries->len == 1 && records->list->len == 1)
    {
      enrich (g_ptr_array_index (records->list, 0), g_ptr_array_index (entries, 0), summary);
      return TRUE;
    }
  for (i = 0; i < entries->len; i++)
    {
      const TodokeTranscriptEntry *entry = g_ptr_array_index (entries, i);
      TodokeRecord *record;

      if (entry->address != NULL &&
          (record = _todoke_records_find (records, entry->address)) != NULL)
        enrich (record, entry, NULL);
    }

  return TRUE;
}

static gboolean
add_records (TodokeMessage *message,
             TodokeRecords *records,
             GPtrArray     *entries,
             const char    *summary)
{
  guint i;

  for (i = 0; i < entries->len; i++)
    {
      const TodokeTranscriptEntry *entry = g_ptr_array_index (entries, i);
      TodokeRecord *record;

      if (entry->address != NULL)
        {
          /* An alias's member: report the alias the user wrote, keep the member. */
          const char *written = entry->written != NULL ? entry->written : entry->address;

          if ((record = _todoke_mta_record_for (records, written)) == NULL)
            continue;
          if (entry->written != NULL && record->final_recipient == NULL &&
              strcmp (entry->written, entry->address) != 0)
            record->final_recipient = g_strdup (entry->address);
        }
      else
        {
          /* "host (smtp)... Deferred" names no one: the recipient is the
           * one of the returned message (if MIME holds it, later). */
          record = _todoke_record_new ();
          record->recipient = _todoke_mta_dup_inline_address (message->body, "To");
          _todoke_records_add (records, record);
        }
      g_free (record->action);
      record->action = g_strdup (entry->delivered ? "delivered" : entry->delayed ? "delayed" : "failed");
      record->command = entry->command;
      g_free (record->remote_host);
      record->remote_host = g_strdup (entry->host);
      _todoke_transcript_entry_apply (entry, record, entries->len == 1 ? summary : NULL);
    }

  return entries->len > 0;
}

gboolean
_todoke_mta_read_sendmail (TodokeMessage *message,
                           TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *summary;

  if (!is_sendmail_report (message))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  entries = _todoke_transcript_read (report);
  if (entries->len == 0)
    return FALSE;

  summary = subject_summary (message);
  if (g_ascii_strncasecmp (message->subject, "Warning", 7) == 0)
    {
      guint i;

      for (i = 0; i < entries->len; i++)
        ((TodokeTranscriptEntry *) g_ptr_array_index (entries, i))->delayed = TRUE;
    }
  if (records->list->len > 0)
    return enrich_records (records, entries, summary);

  return add_records (message, records, entries, summary);
}
