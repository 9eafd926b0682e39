/* todoke-mta-mfilter.c: the m-FILTER mail gateway (Digital Arts)
 *
 *   このメールは「m-FILTER」が自動的に生成して送信しています。
 *   …
 *   以下のメールアドレスへの送信に失敗しました。
 *   taro@example.org
 *
 *   -------server message
 *   550 5.1.1 unknown user <taro@example.org>
 *
 *   -------SMTP command
 *   DATA
 *
 *   -------original message
 *
 * The recipients stand alone on their lines; "-------" sections hold the
 * server's reply and the SMTP command it answered. Some installations
 * rename the X-Mailer header; the sections still tell.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

gboolean
_todoke_mta_read_mfilter (TodokeMessage *message,
                          TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) reply = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  TodokeCommand command = TODOKE_COMMAND_NONE;
  enum { INTRO, REPLY, COMMAND, OTHER } section = INTRO;
  gboolean enrich = _todoke_mta_enriching (records);
  guint i;

  if (!_todoke_mta_header_has (message, "X-Mailer", "m-FILTER") &&
      !_todoke_mta_body_has (message, "\n-------server message", 4096))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  reply = g_string_new (NULL);
  addresses = g_ptr_array_new_with_free_func (g_free);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = g_strstrip (row);

      if (g_str_has_prefix (line, "-------"))
        section = g_str_has_prefix (line, "-------server message") ? REPLY :
                  g_str_has_prefix (line, "-------SMTP command") ? COMMAND : OTHER;
      else if (section == REPLY)
        g_string_append_printf (reply, "%s\n", line);
      else if (section == COMMAND && *line != '\0' && command == TODOKE_COMMAND_NONE)
        command = _todoke_command_from_text (line);
      else if (section == INTRO && addresses->len < TODOKE_MTA_MAX_RECIPIENTS &&
               strchr (line, '@') != NULL && strchr (line, ' ') == NULL)
        {
          char *address = _todoke_text_clean_address (line);

          if (address != NULL)
            g_ptr_array_add (addresses, address);
        }
    }

  for (i = 0; i < addresses->len; i++)
    {
      const char *address = g_ptr_array_index (addresses, i);
      TodokeRecord *record = _todoke_mta_record_for (records, address);

      if (record == NULL)
        continue;
      if (record->command == TODOKE_COMMAND_NONE)
        record->command = command;
      if (!enrich || record->diagnostic == NULL)
        _todoke_mta_take_reply (record, reply->str);
    }

  return enrich || addresses->len > 0;
}
