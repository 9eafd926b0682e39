/* todoke-mta-fml.c: refusals of the fml mailing list manager
 *
 * A list run by fml answers a post it refuses with a short notice, marked
 * by "X-MLServer: fml …":
 *
 *   You are not a member of this mailing list <list@example.org>.
 *
 * The list's address is the recipient that refused; the notice's first
 * paragraph is the reason. fml's other automatic answers (help, guide,
 * subscription replies) are not failures and are left alone.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

static gboolean
is_refusal (const char *text)
{
  static const char * const refusals[] = {
    "not a member", "not member", "rejected", "not allowed", "denied", "prohibited", NULL
  };
  guint i;

  for (i = 0; refusals[i] != NULL; i++)
    if (_todoke_text_strcasestr (text, refusals[i]) != NULL)
      return TRUE;

  return FALSE;
}

gboolean
_todoke_mta_read_fml (TodokeMessage *message,
                      TodokeRecords *records)
{
  g_autofree char *paragraph = NULL;
  g_autofree char *list = NULL;
  const char *start;
  const char *end;
  TodokeRecord *record;

  if (!_todoke_mta_header_has (message, "X-MLServer", "fml"))
    return FALSE;

  start = message->body + strspn (message->body, "\r\n \t");
  end = strstr (start, "\n\n");
  paragraph = g_strndup (start, end != NULL ? MIN (end - start, 1024) : 1024);
  if (!is_refusal (paragraph) && !is_refusal (message->subject))
    return FALSE;

  list = _todoke_text_clean_address (paragraph);
  if (list == NULL)
    list = _todoke_text_clean_address (_todoke_message_get_header (message, "X-ML-Name"));
  record = _todoke_mta_record_for (records, list);
  if (record == NULL)
    return FALSE;
  _todoke_record_set_diagnostic (record, paragraph);

  return TRUE;
}
