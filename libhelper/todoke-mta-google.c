/* todoke-mta-google.c: the reports Gmail, Google Workspace and Google
 * Groups write themselves (From: mailer-daemon@googlemail.com)
 *
 * Gmail until about 2016 wrote plain text:
 *
 *   Delivery to the following recipient failed permanently:   (or "has
 *        taro@example.jp                                        been delayed:")
 *
 *   Technical details of permanent failure:
 *   Google tried to deliver your message, but it was rejected by the server
 *   for the recipient domain example.jp by mx.example.jp. [192.0.2.1].
 *   The error that the other server returned was:
 *   550 5.1.1 <taro@example.jp>... User Unknown
 *
 * or, when it could not connect, "The recipient server did not accept our
 * requests to connect. … [mx.example.jp. [192.0.2.1]:25: socket error]".
 * Newer reports ("** Address not found **", "** Message not delivered **")
 * and Google Groups' notices (in the sender's language) name the failed
 * address only in X-Failed-Recipients; their text is kept as it is, less
 * the greeting that names the sender.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

#define CLASSIC_START   "Delivery to the following recipient"
#define DETAILS_START   "Technical details of "
#define SERVER_SAID     "The error that the other server returned was:"
#define REJECTED_BY     "recipient domain "
#define MAX_DIAGNOSTIC  4096

static gboolean
is_google (TodokeMessage *message)
{
  const char *domain = _todoke_text_address_domain (message->from_address);

  return domain != NULL &&
         (g_ascii_strcasecmp (domain, "googlemail.com") == 0 ||
          g_ascii_strcasecmp (domain, "google.com") == 0);
}

/* "… recipient domain example.jp by mx.example.jp. [192.0.2.1]." or
 * "[(0) mx.example.jp. [192.0.2.1]:25: socket error]": the host Gmail
 * tried to reach. */
static char *
refusing_host (const char *details)
{
  const char *p = _todoke_text_strcasestr (details, REJECTED_BY);

  if (p != NULL && (p = strstr (p + strlen (REJECTED_BY), " by ")) != NULL)
    return _todoke_mta_take_host (p + 4);
  if (_todoke_text_strcasestr (details, SERVER_SAID) == NULL &&
      (p = strchr (details, '[')) != NULL)
    {
      p++;
      if (g_str_has_prefix (p, "(0)"))
        p += 3;
      return _todoke_mta_take_host (p);
    }

  return NULL;
}

/* What the classic report says about its recipients: Gmail's sentence
 * about the failure and, when there is one, the server's reply. */
static char *
classic_diagnostic (const char *notice,
                    const char *retry,
                    const char *details)
{
  GString *out = g_string_new (NULL);
  const char *said = _todoke_text_strcasestr (details, SERVER_SAID);

  if (notice != NULL)
    g_string_append_printf (out, "%s. ", notice);
  if (retry != NULL)
    g_string_append_printf (out, "%s. ", retry);
  if (said != NULL)
    g_string_append (out, said + strlen (SERVER_SAID));
  else
    g_string_append (out, details);

  return g_string_free (out, FALSE);
}

static void
apply (TodokeRecords *records,
       guint          first,
       const char    *diagnostic,
       const char    *host,
       gboolean       delayed)
{
  guint i;

  for (i = first; i < records->list->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records->list, i);

      _todoke_record_set_diagnostic (record, diagnostic);
      _todoke_mta_fill_from_text (record, record->diagnostic);
      if (record->remote_host == NULL)
        record->remote_host = g_strdup (host);
      g_free (record->action);
      record->action = g_strdup (delayed ? "delayed" : "failed");
    }
}

/* The plain-text report of Gmail until about 2016. */
static gboolean
read_classic (const char    *report,
              TodokeRecords *records)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *notice = NULL;
  g_autofree char *retry = NULL;
  g_autofree char *diagnostic = NULL;
  g_autofree char *host = NULL;
  gboolean listing = FALSE;
  gboolean in_details = FALSE;
  gboolean delayed = FALSE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint before = records->list->len;

  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      g_autofree char *address = NULL;

      if (_todoke_mta_has_prefix (text, length, CLASSIC_START))
        {
          delayed = _todoke_mta_find_in_line (text, length, "delayed") != NULL;
          g_free (notice);
          notice = g_strndup (text, length > 0 && text[length - 1] == ':' ? length - 1 : length);
          listing = TRUE;
          continue;
        }
      if (listing)
        {
          if (length == 0 && records->list->len > before)
            listing = FALSE;
          else if ((address = _todoke_text_find_address (text, length, NULL)) != NULL)
            _todoke_mta_record_for (records, address);
          continue;
        }
      if (_todoke_mta_has_prefix (text, length, DETAILS_START))
        {
          const char *colon = memchr (text, ':', length);

          in_details = TRUE;
          if (colon != NULL)
            g_string_append_len (details, colon + 1, length - (colon + 1 - text));
          continue;
        }
      if (_todoke_mta_has_prefix (text, length, "Message will be retried"))
        {
          g_free (retry);
          retry = g_strndup (text, length);
        }
      else if (in_details && details->len < MAX_DIAGNOSTIC)
        {
          g_string_append_c (details, '\n');
          g_string_append_len (details, text, length);
        }
    }
  if (records->list->len == before)
    return FALSE;

  diagnostic = classic_diagnostic (notice, retry, details->str);
  host = refusing_host (details->str);
  apply (records, before, diagnostic, host, delayed);

  return TRUE;
}

/* The newer reports and Google Groups' notices: the whole text, less the
 * greeting line that names the sender, and less the "**" around titles. */
static char *
notice_text (TodokeMessage *message,
             const char    *report)
{
  g_autofree char *sender = _todoke_text_clean_address (_todoke_message_get_header (message, "To"));
  GString *out = g_string_new (NULL);
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;

  _todoke_mta_lines_init (&lines, report);
  while (out->len < MAX_DIAGNOSTIC && _todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);

      if (length == 0 || (sender != NULL && _todoke_mta_find_in_line (text, length, sender) != NULL))
        continue;
      while (length > 0 && text[0] == '*' && text[length - 1] == '*')
        {
          text++;
          length = length >= 2 ? length - 2 : 0;
          text = _todoke_mta_trim (text, &length);
        }
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_len (out, text, length);
    }

  return g_string_free (out, FALSE);
}

gboolean
_todoke_mta_read_google (TodokeMessage *message,
                         TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  guint before = records->list->len;
  guint i;

  if (!is_google (message))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  if (before == 0 && read_classic (report, records))
    return TRUE;

  text = notice_text (message, report);
  if (*text == '\0')
    return FALSE;
  failed = _todoke_mta_failed_recipients (message);
  if (before == 0)
    for (i = 0; i < failed->len; i++)
      _todoke_mta_record_for (records, g_ptr_array_index (failed, i));

  /* Records a delivery-status part made keep the server's words; only
   * those without any get the notice. */
  for (i = 0; i < records->list->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records->list, i);

      if (record->diagnostic != NULL)
        continue;
      _todoke_record_set_diagnostic (record, text);
      _todoke_mta_fill_from_text (record, record->diagnostic);
    }

  return records->list->len > 0;
}
