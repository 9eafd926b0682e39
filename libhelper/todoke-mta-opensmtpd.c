/* todoke-mta-opensmtpd.c: OpenSMTPD's report text
 *
 *       Hi!
 *
 *       This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
 *
 *       An error has occurred while attempting to deliver a message for
 *       the following list of recipients:
 *
 *   taro@example.org: 550 5.1.1 User unknown
 *
 *       Below is a copy of the original message:
 *
 * OpenSMTPD's own sentences are indented; each recipient's line is not.
 * "A message is delayed for more than …" starts a delay warning.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

gboolean
_todoke_mta_read_opensmtpd (TodokeMessage *message,
                            TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  gboolean enrich = _todoke_mta_enriching (records);
  gboolean delayed;
  guint before = records->list->len;

  if (!_todoke_mta_body_has (message, "This is the MAILER-DAEMON, please DO NOT REPLY", 512))
    return FALSE;

  delayed = _todoke_mta_body_has (message, "A message is delayed", 1024);
  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = row;
      const char *after = NULL;
      g_autofree char *address = NULL;
      TodokeRecord *record;

      if (line[0] == ' ' || line[0] == '\t' || line[0] == '\0' ||
          (address = _todoke_text_find_address (line, -1, &after)) == NULL ||
          g_ascii_strncasecmp (line, address, strlen (address)) != 0 || *after != ':')
        continue;
      record = _todoke_mta_record_for (records, address);
      if (record == NULL || (enrich && record->diagnostic != NULL))
        continue;
      if (!enrich && delayed)
        {
          g_free (record->action);
          record->action = g_strdup ("delayed");
        }
      _todoke_mta_take_reply (record, after + 1);
    }

  return enrich || records->list->len > before;
}
