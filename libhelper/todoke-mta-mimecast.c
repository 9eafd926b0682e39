/* todoke-mta-mimecast.c: Mimecast's "[Postmaster] Email Delivery Failure"
 *
 *   An email that you attempted to send to the following address could
 *   not be delivered:                       (or "… email address :")
 *   -- taro@example.jp
 *
 *   The problem appears to be :
 *   -- Recipient email address is possibly incorrect
 *
 *   Additional information follows :
 *   -- 5.4.1 Recipient address rejected: Access denied. [...]
 *
 * Each "-- " line belongs to the heading above it. The report may come with
 * a delivery-status part (whose fields Mimecast writes as "Name : value").
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

#define PROBLEM_HEADING "The problem appears to be"
#define INFO_HEADING    "Additional information follows"

typedef enum
{
  SECTION_NONE,
  SECTION_RECIPIENTS,
  SECTION_PROBLEM,
  SECTION_INFO,
} Section;

gboolean
_todoke_mta_read_mimecast (TodokeMessage *message,
                           TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autoptr(GString) problem = g_string_new (NULL);
  g_autoptr(GString) info = g_string_new (NULL);
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func (g_free);
  Section section = SECTION_NONE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint i;

  if (!_todoke_mta_body_has (message, PROBLEM_HEADING, 2048))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      GString *target = section == SECTION_PROBLEM ? problem : section == SECTION_INFO ? info : NULL;

      if (_todoke_mta_find_in_line (text, length, PROBLEM_HEADING) != NULL)
        section = SECTION_PROBLEM;
      else if (_todoke_mta_has_prefix (text, length, INFO_HEADING))
        section = SECTION_INFO;
      else if (length > 0 && text[length - 1] == ':' &&
               _todoke_mta_find_in_line (text, length, "address") != NULL)
        section = SECTION_RECIPIENTS;
      else if (length > 3 && text[0] == '-' && text[1] == '-' && text[2] == ' ')
        {
          if (section == SECTION_RECIPIENTS && recipients->len < TODOKE_MTA_MAX_RECIPIENTS)
            {
              char *address = _todoke_text_find_address (text, length, NULL);

              if (address != NULL)
                g_ptr_array_add (recipients, address);
            }
          else if (section == SECTION_PROBLEM || section == SECTION_INFO)
            {
              g_string_append_c (target, ' ');
              g_string_append_len (target, text + 3, length - 3);
            }
        }
      /* Information wraps onto lines of its own until a blank line. */
      else if (length == 0)
        section = section == SECTION_RECIPIENTS ? SECTION_NONE : section;
      else if (section == SECTION_INFO && info->len > 0 && info->len < 4096)
        {
          g_string_append_c (info, ' ');
          g_string_append_len (info, text, length);
        }
      if (length == 0 && section == SECTION_INFO && info->len > 0)
        section = SECTION_NONE;
    }
  if (recipients->len == 0 && records->list->len == 0)
    return FALSE;

  if (records->list->len == 0)
    for (i = 0; i < recipients->len; i++)
      {
        /* A recipient listed twice gets the record made for it before. */
        _todoke_mta_record_for (records, g_ptr_array_index (recipients, i));
      }
  for (i = 0; i < records->list->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records->list, i);
      g_autofree char *server = g_strdup (record->diagnostic);

      /* Mimecast's own words first; the server's (or the DSN's) after them. */
      _todoke_record_set_diagnostic (record, problem->str);
      _todoke_record_append_diagnostic (record, server != NULL ? server : info->str);
      _todoke_mta_fill_from_text (record, info->str);
    }

  return TRUE;
}
