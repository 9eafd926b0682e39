/* todoke-mta-smtpsvc.c: the delivery status notifications of Microsoft's
 * SMTP service (Windows Server, Exchange's edge, Hotmail and Outlook.com)
 *
 *   This is an automatically generated Delivery Status Notification.
 *
 *   Delivery to the following recipients failed.     (or "… has been
 *                                                     delayed.", "…
 *                                                     succeeded.", or "Unable
 *          taro@example.jp                            to deliver message to
 *                                                     the following
 *                                                     recipients, because …")
 *
 * Its delivery-status part often carries no Diagnostic-Code: then the
 * sentence above the list is all the report says about the failure, and it
 * becomes the diagnostic of the recipients listed under it.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

#define SMTPSVC_START "This is an automatically generated Delivery Status Notification"
#define MAX_TEXT      1024

gboolean
_todoke_mta_read_smtpsvc (TodokeMessage *message,
                          TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autoptr(GString) sentence = g_string_new (NULL);
  const char *start = message->body + strspn (message->body, " \t\r\n");
  gboolean had_dsn = _todoke_mta_enriching (records);
  gboolean delayed = FALSE;
  gboolean delivered = FALSE;
  gboolean listed = FALSE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint before = records->list->len;

  /* The heading opens the text; other writers frame it in "=" rules. */
  if (!_todoke_mta_has_prefix (start, strlen (start), SMTPSVC_START))
    return FALSE;

  report = _todoke_mta_cut_original (start);
  _todoke_mta_lines_init (&lines, report);
  _todoke_mta_lines_next (&lines, &line, &length);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      g_autofree char *address = NULL;
      TodokeRecord *record;

      if (length == 0)
        {
          if (listed)
            break;
          continue;
        }
      /* Addresses stand alone on indented lines. */
      if (line != text && (address = _todoke_text_find_address (text, length, NULL)) != NULL &&
          strlen (address) == length)
        {
          listed = TRUE;
          record = _todoke_mta_record_for (records, address);
          if (record != NULL && (delayed || delivered) && !had_dsn)
            {
              g_free (record->action);
              record->action = g_strdup (delivered ? "delivered" : "delayed");
            }
          if (record != NULL && record->diagnostic == NULL)
            _todoke_record_set_diagnostic (record, sentence->str);
          continue;
        }
      if (listed || sentence->len >= MAX_TEXT ||
          _todoke_mta_has_prefix (text, length, "THIS IS A WARNING MESSAGE ONLY") ||
          _todoke_mta_has_prefix (text, length, "YOU DO NOT NEED TO RESEND"))
        continue;
      delayed = delayed || _todoke_mta_find_in_line (text, length, "delayed") != NULL;
      /* "Delivery to the following recipients succeeded.", "… was successful",
       * "Your message has been successfully relayed to the following recipients". */
      delivered = delivered || _todoke_mta_find_in_line (text, length, "succeeded") != NULL ||
                  _todoke_mta_find_in_line (text, length, "successful") != NULL;
      if (sentence->len > 0)
        g_string_append_c (sentence, ' ');
      g_string_append_len (sentence, text, length);
    }

  /* Only a report this reader made alone is its own: a delivery-status part
   * may still want enriching by another. */
  return !had_dsn && records->list->len > before;
}
