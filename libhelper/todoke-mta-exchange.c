/* todoke-mta-exchange.c: Microsoft Exchange's and Office 365's reports
 *
 * Exchange 2000/2003 (and its Internet Mail Service) wrote:
 *
 *   did not reach the following recipient(s):      (or "The following
 *                                                   recipient(s) could not
 *   taro@example.jp on Thu, 29 Apr 2007 16:51:51 -0500        be reached:")
 *       The recipient name is not recognized
 *       The MTS-ID of the original message is: c=jp;a= ;p=…
 *   ;l=…
 *       MSEXCH:IMS:… 0 (000C05A6) Unknown Recipient
 *
 * Exchange 2007 and later, and Office 365, write a sentence per recipient
 * for the user and a section for administrators:
 *
 *   Delivery has failed to these recipients or groups:
 *   taro@example.jp<mailto:taro@example.jp>
 *   The email address wasn't found at the destination domain. …
 *
 *   Diagnostic information for administrators:
 *   Generating server: mx.example.com
 *   Receiving server: mx.example.jp (192.0.2.1)          (optional)
 *   taro@example.jp
 *   mx.example.jp                                        (optional)
 *   Remote Server returned '550 5.1.1 … User unknown'   (or "#550 5.1.1 …##",
 *                   or "date - Remote Server at mx.example.jp (192.0.2.1)
 *                   returned '…'", the last attempt first)
 *
 * and the newest Office 365 reports "Your message to taro@example.jp
 * couldn't be delivered." with "Reported error: 550 …" and "Remote server:".
 * A delivery-status part, when there is one, keeps its codes; this reader
 * adds the remote host and Exchange's sentence.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

#define MAX_TEXT 4096

/* Exchange 2003's list headings. */
static const char * const legacy_starts[] = {
  "did not reach the following recipient", "the following recipient(s) could not be reached",
  NULL
};

/* The administrators' section in the languages Exchange writes it in. */
static const char * const admin_starts[] = {
  "Diagnostic information for administrators", "Informations de diagnostic pour les administrateurs",
  "Diagnoseinformationen für Administratoren", "Información de diagnóstico para administradores",
  "Informazioni di diagnostica per gli amministratori", "管理者向けの診断情報", NULL
};

static const char * const user_starts[] = {
  "Delivery has failed to these recipients", "Delivery is delayed to these recipients", "Your message to ",
  "Échec de la remise pour ces destinataires", "Die Zustellung an folgende Empfänger",
  "Error en la entrega a estos destinatarios", "Recapito non riuscito", NULL
};

/* Cheap: the headings near the top of the text. */
static gboolean
is_exchange (TodokeMessage *message)
{
  static const char * const marks[] = {
    "did not reach the following recipient", "could not be reached:",
    "Delivery has failed to these recipients", "Delivery is delayed to these recipients",
    "couldn't be delivered", "Échec de la remise",
    "Die Zustellung an folgende", "Error en la entrega", "Recapito non riuscito",
    "受信者またはグループ", "管理者向けの診断情報", NULL
  };
  guint i;

  for (i = 0; marks[i] != NULL; i++)
    if (_todoke_mta_body_has (message, marks[i], 4096))
      return TRUE;

  return FALSE;
}

typedef struct
{
  TodokeRecord *record;      /* the recipient being read, or NULL */
  GString      *sentence;    /* Exchange's words about it */
  gboolean      replied;     /* its reply was read (later lines are older attempts) */
  gboolean      skipping;    /* inside an MTS-ID note */
  gboolean      unnamed;     /* a legacy entry named by its display name only */
} Reading;

static gboolean
starts_with_any (const char         *line,
                 gsize               length,
                 const char * const *starts)
{
  guint i;

  for (i = 0; starts[i] != NULL; i++)
    if (_todoke_mta_has_prefix (line, length, starts[i]))
      return TRUE;
  /* Japanese Exchange: "配信は次の受信者またはグループに失敗しました:". */
  if (starts == user_starts && length < 160 &&
      _todoke_mta_find_in_line (line, length, "受信者またはグループ") != NULL)
    return TRUE;

  return FALSE;
}

/* The address a line opens with: "taro@example.jp on …",
 * "taro@example.jp<mailto:…>" or "Taro (taro@example.jp)"; never one in a
 * sentence or after a label ("Sender Address: …"). */
static char *
leading_address (const char *line,
                 gsize       length)
{
  const char *at = memchr (line, '@', length);
  const char *end = NULL;
  const char *colon;
  char *address;

  if (at == NULL || at - line > 100)
    return NULL;
  colon = memchr (line, ':', at - line);
  if (colon != NULL && !(colon - line >= 6 && g_ascii_strncasecmp (colon - 6, "mailto", 6) == 0))
    return NULL;
  address = _todoke_text_find_address (line, length, &end);
  if (address != NULL && (gsize) (end - line) + 40 < length &&
      g_ascii_strncasecmp (end, "<mailto:", 8) != 0)
    g_clear_pointer (&address, g_free);
  /* It opens the line or a name's brackets, never a sentence ("For help,
   * contact helpdesk@example.jp."). */
  if (address != NULL)
    {
      const char *start = end - strlen (address);

      if (start > line && start[-1] != '(' && start[-1] != '<' && start[-1] != '[' && start[-1] != '"')
        g_clear_pointer (&address, g_free);
    }

  return address;
}

/* A legacy list entry: "taro@example.jp on 12/4/2026 10:00 AM", or
 * "'Taro Yamada' on Thu, 29 Apr 2007 …" for a recipient Exchange knows by
 * its display name: a short name, " on ", then a date. */
static gboolean
is_legacy_entry (const char *line,
                 gsize       length)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", NULL };
  const char *on = _todoke_mta_find_in_line (line, length, " on ");
  const char *date;
  guint i;

  if (on == NULL || on == line || on - line > 80 || memchr (line, ',', on - line) != NULL)
    return FALSE;
  date = on + 4;
  if (date < line + length && g_ascii_isdigit (*date))
    return TRUE;
  for (i = 0; days[i] != NULL; i++)
    if (line + length - date >= 3 && strncmp (date, days[i], 3) == 0)
      return TRUE;

  return FALSE;
}

/* "<mx.example.jp #5.1.1 smtp;550 5.1.1 <taro@example.jp>... User unknown>":
 * the address in the remote server's reply under an entry that gave only a
 * display name; NULL when the reply names none or several. */
static char *
address_in_legacy_reply (const char *line,
                         gsize       length)
{
  const char *smtp = _todoke_mta_find_in_line (line, length, " smtp;");
  g_autofree char *reply = NULL;

  if (line[0] != '<' || smtp == NULL)
    return NULL;
  reply = g_strndup (smtp + 6, line + length - smtp - 6);

  return _todoke_text_single_address (reply);
}

/* "… returned '550 5.1.1 …'", "#550 5.1.1 …##" or "Reported error: 550 …":
 * the server's reply. */
static char *
quoted_reply (const char *line,
              gsize       length)
{
  const char *end = line + length;
  const char *open;

  if (length > 4 && line[0] == '#' && g_ascii_isdigit (line[1]))
    {
      const char *close = _todoke_mta_find_in_line (line, length, "##");

      return g_strndup (line + 1, (close != NULL ? close : end) - line - 1);
    }
  if ((open = _todoke_mta_find_in_line (line, length, " returned '")) != NULL)
    open += 11;
  else if ((open = _todoke_mta_find_in_line (line, length, "Reported error:")) != NULL)
    open += 15;
  /* Localised Exchange quotes the reply the same way: '550 5.1.1 …'. */
  else if ((open = memchr (line, '\'', length)) != NULL && end - open > 5 &&
           (open[1] == '4' || open[1] == '5') && g_ascii_isdigit (open[2]) &&
           g_ascii_isdigit (open[3]) && open[4] == ' ')
    open++;
  else
    return NULL;
  while (open < end && *open == ' ')
    open++;
  if (end > open && end[-1] == '\'')
    end--;

  return g_strndup (open, end - open);
}

/* "… Remote Server at mx.example.jp (192.0.2.1) returned …"; "Server at"
 * alone names one of the reporting organisation's own servers. */
static char *
remote_server_at (const char *line,
                  gsize       length)
{
  const char *at = _todoke_mta_find_in_line (line, length, "Remote Server at ");

  return at != NULL ? _todoke_mta_take_host (at + 17) : NULL;
}

static void
finish (Reading *reading)
{
  if (reading->record != NULL && reading->sentence->len > 0)
    {
      g_autofree char *reply = g_strdup (reading->record->diagnostic);

      _todoke_record_set_diagnostic (reading->record, reading->sentence->str);
      _todoke_record_append_diagnostic (reading->record, reply);
    }
  reading->record = NULL;
  reading->replied = FALSE;
  reading->skipping = FALSE;
  reading->unnamed = FALSE;
  g_string_truncate (reading->sentence, 0);
}

/* The server's reply after Exchange's sentence; a delivery-status part's
 * words, when there are some, stay. */
static void
take_reply (TodokeRecord *record,
            const char   *reply,
            gboolean      had_dsn)
{
  if (had_dsn && record->diagnostic != NULL)
    return;
  _todoke_record_append_diagnostic (record, reply);
  _todoke_mta_fill_from_text (record, reply);
}

/* The records from @from on are still being tried, not failed. */
static void
mark_delayed (TodokeRecords *records,
              guint          from)
{
  guint i;

  for (i = from; i < records->list->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records->list, i);

      g_free (record->action);
      record->action = g_strdup ("delayed");
    }
}

gboolean
_todoke_mta_read_exchange (TodokeMessage *message,
                           TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autofree char *receiving = NULL;
  g_autofree char *sender = NULL;
  Reading reading = { NULL, NULL, FALSE, FALSE, FALSE };
  gboolean had_dsn = _todoke_mta_enriching (records);
  gboolean legacy = FALSE;
  gboolean user = FALSE;
  gboolean admin = FALSE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint before = records->list->len;

  if (!is_exchange (message))
    return FALSE;

  /* Office 365 draws the route as "sender@…", "Office 365", "taro",
   * "Action Required", "Recipient", one a line: the report's own addressee
   * is never the recipient that failed. */
  sender = _todoke_text_clean_address (_todoke_message_get_header (message, "To"));
  report = _todoke_mta_cut_original (message->body);
  reading.sentence = g_string_new (NULL);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      g_autofree char *address = NULL;
      g_autofree char *reply = NULL;
      g_autofree char *host = NULL;

      if (starts_with_any (text, length, legacy_starts) ||
          starts_with_any (text, length, admin_starts) || starts_with_any (text, length, user_starts))
        {
          finish (&reading);
          legacy = legacy || starts_with_any (text, length, legacy_starts);
          admin = starts_with_any (text, length, admin_starts);
          user = !admin && !legacy;
          /* "Your message to taro@example.jp couldn't be delivered." */
          if (user && (address = _todoke_text_find_address (text, length, NULL)) != NULL)
            reading.record = _todoke_mta_record_for (records, address);
          continue;
        }
      if (!legacy && !user && !admin)
        continue;
      if (admin && _todoke_mta_has_prefix (text, length, "Receiving server:"))
        {
          g_free (receiving);
          receiving = _todoke_mta_take_host (text + 17);
          continue;
        }
      if (_todoke_mta_has_prefix (text, length, "Remote server:") && reading.record != NULL)
        {
          g_free (reading.record->remote_host);
          reading.record->remote_host = _todoke_mta_take_host (text + 14);
          continue;
        }
      if (length == 0)
        {
          reading.skipping = FALSE;
          if (user && reading.record != NULL && reading.sentence->len > 0)
            finish (&reading);
          continue;
        }
      if ((reply = quoted_reply (text, length)) != NULL)
        {
          if (reading.record != NULL && !reading.replied)
            {
              take_reply (reading.record, reply, had_dsn);
              if (reading.record->remote_host == NULL &&
                  (host = remote_server_at (text, length)) != NULL)
                reading.record->remote_host = g_steal_pointer (&host);
              if (reading.record->remote_host == NULL && receiving != NULL &&
                  _todoke_mta_find_in_line (text, length, "Remote Server at ") != NULL)
                reading.record->remote_host = g_strdup (receiving);
              reading.replied = TRUE;
            }
          continue;
        }
      if (legacy && memchr (text, '@', length) == NULL && is_legacy_entry (text, length))
        {
          finish (&reading);
          reading.unnamed = TRUE;
          continue;
        }
      if (reading.unnamed)
        {
          if ((address = address_in_legacy_reply (text, length)) != NULL)
            {
              reading.record = _todoke_mta_record_for (records, address);
              reading.unnamed = FALSE;
            }
          if (reading.sentence->len < MAX_TEXT)
            _todoke_mta_append_words (reading.sentence, text, length, MAX_TEXT);
          continue;
        }
      if (!_todoke_mta_has_prefix (text, length, "Generating server") &&
          !(legacy && reading.record != NULL) &&
          (address = leading_address (text, length)) != NULL &&
          g_strcmp0 (address, sender) != 0)
        {
          TodokeRecord *next = _todoke_mta_record_for (records, address);

          /* The administrators' section names again whom the user section named. */
          if (next != reading.record)
            finish (&reading);
          reading.record = next;
          continue;
        }
      if (reading.record == NULL)
        continue;
      if (legacy && (address = leading_address (text, length)) != NULL &&
          _todoke_mta_find_in_line (text, length, " on ") != NULL)
        {
          finish (&reading);
          reading.record = _todoke_mta_record_for (records, address);
          continue;
        }
      if (_todoke_mta_has_prefix (text, length, "The MTS-ID of the original message"))
        {
          reading.skipping = TRUE;
          continue;
        }
      if (reading.skipping && !_todoke_mta_has_prefix (text, length, "MSEXCH:"))
        continue;
      reading.skipping = FALSE;
      /* The line under the address in the administrators' section names the host. */
      if (admin && reading.sentence->len == 0 && !reading.replied &&
          (host = _todoke_mta_take_host (text)) != NULL && strlen (host) == length)
        {
          if (reading.record->remote_host == NULL)
            reading.record->remote_host = g_steal_pointer (&host);
          continue;
        }
      if ((legacy || user) && reading.sentence->len < MAX_TEXT)
        {
          if (reading.sentence->len > 0)
            g_string_append_c (reading.sentence, ' ');
          g_string_append_len (reading.sentence, text, length);
        }
    }
  finish (&reading);
  g_string_free (reading.sentence, TRUE);
  /* "Delivery is delayed to these recipients or groups:": a warning. */
  if (!had_dsn && _todoke_mta_body_has (message, "Delivery is delayed to these recipients", 4096))
    mark_delayed (records, before);

  return legacy || user || admin ? records->list->len > before || had_dsn : FALSE;
}
