/* todoke-mta-kddi.c: the error notices of KDDI's au one net (DION) and of
 * BIGLOBE, two Japanese ISPs
 *
 * au one net (From: no-reply@….dion.ne.jp, "メールエラー通知"):
 *
 *   送信先のメールボックスが一杯のため、送信できませんでした。
 *   ※本メールはau one netのメールシステムより配信しております。
 *   （　以下、サーバから出力されたエラーメッセージ　）
 *
 *   Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
 *        Could not be delivered to: <taro@example.dion.ne.jp>
 *        As their mailbox is full.
 *
 * BIGLOBE (From: postmaster@biglobe.ne.jp):
 *
 *      ----- The following addresses had delivery problems -----
 *   taro@biglobe.ne.jp
 *
 *      ----- Non-delivered information -----
 *   The number of messages in recipient's mailbox exceeded the local limit.
 *
 * The Japanese sentence of the first and everything under the headings of
 * both are kept; the notes about the notice itself ("※…") are not.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

#define MAX_TEXT         2048
#define KDDI_RECIPIENT   "Could not be delivered to:"
#define KDDI_SENT_ON     "Your mail sent on:"
#define BIGLOBE_LIST     "The following addresses had delivery problems"
#define BIGLOBE_INFO     "Non-delivered information"

static gboolean
from_domain (TodokeMessage *message,
             const char    *suffix)
{
  return _todoke_text_host_matches (_todoke_text_address_domain (message->from_address), suffix);
}

/* Lines that speak of the notice, not of the failure. */
static gboolean
is_note (const char *text,
         gsize       length)
{
  return _todoke_mta_has_prefix (text, length, "※") ||
         _todoke_mta_has_prefix (text, length, "（") ||
         _todoke_mta_has_prefix (text, length, "(") ||
         _todoke_mta_find_in_line (text, length, "返信いただけません") != NULL ||
         _todoke_mta_has_prefix (text, length, "This message is in MIME format");
}

gboolean
_todoke_mta_read_kddi (TodokeMessage *message,
                       TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autoptr(GString) notice = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  TodokeRecord *current = NULL;
  gboolean server = FALSE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint before = records->list->len;

  if ((!from_domain (message, "dion.ne.jp") && !from_domain (message, "auone-net.jp")) ||
      !_todoke_mta_body_has (message, KDDI_RECIPIENT, 4096))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      g_autofree char *address = NULL;

      if (_todoke_mta_has_prefix (text, length, KDDI_SENT_ON))
        server = TRUE;
      else if (_todoke_mta_has_prefix (text, length, KDDI_RECIPIENT))
        {
          address = _todoke_text_find_address (text, length, NULL);
          if (address != NULL && (current = _todoke_mta_record_for (records, address)) != NULL)
            g_string_truncate (words, 0);
        }
      else if (length == 0 && current != NULL && words->len > 0)
        {
          _todoke_record_set_diagnostic (current, notice->str);
          _todoke_record_append_diagnostic (current, words->str);
          current = NULL;
        }
      else if (length > 0 && current != NULL)
        _todoke_mta_append_words (words, text, length, MAX_TEXT);
      else if (length > 0 && !server && !is_note (text, length))
        _todoke_mta_append_words (notice, text, length, MAX_TEXT);
    }
  if (current != NULL)
    {
      _todoke_record_set_diagnostic (current, notice->str);
      _todoke_record_append_diagnostic (current, words->str);
    }

  return records->list->len > before;
}

gboolean
_todoke_mta_read_biglobe (TodokeMessage *message,
                          TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autoptr(GString) info = g_string_new (NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  enum { NONE, LIST, INFO } section = NONE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint i;

  if (!from_domain (message, "biglobe.ne.jp") || !_todoke_mta_body_has (message, "-----", 1024))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      g_autofree char *address = NULL;
      TodokeRecord *record;

      /* "----- heading -----": the addresses first, then what happened (the
       * headings may be in Japanese). */
      if (length > 2 && text[0] == '-' && text[length - 1] == '-')
        section = _todoke_mta_find_in_line (text, length, BIGLOBE_LIST) != NULL ? LIST :
                  _todoke_mta_find_in_line (text, length, BIGLOBE_INFO) != NULL ? INFO :
                  section == NONE ? LIST : INFO;
      else if (section == LIST && (address = _todoke_text_find_address (text, length, NULL)) != NULL &&
               (record = _todoke_mta_record_for (records, address)) != NULL)
        g_ptr_array_add (found, record);
      else if (section == INFO && length > 0)
        _todoke_mta_append_words (info, text, length, MAX_TEXT);
    }

  for (i = 0; i < found->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (found, i);

      _todoke_record_set_diagnostic (record, info->str);
      _todoke_mta_fill_from_text (record, info->str);
    }

  return found->len > 0;
}
