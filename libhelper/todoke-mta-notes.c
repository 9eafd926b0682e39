/* todoke-mta-notes.c: Lotus Notes and IBM Domino
 *
 * Notes' SMTP gateway:
 *
 *   ------- Failure Reasons  --------
 *
 *   User not listed in public Name & Address Book
 *   taro@example.org
 *
 *   ------- Returned Message --------
 *
 * Domino:
 *
 *   Your message
 *
 *     Subject: Hello
 *
 *   was not delivered to:
 *
 *     taro@example.org
 *
 *   because:
 *
 *     User Taro (taro@example.org) not listed in Domino Directory
 *
 * Both list the recipients alone on their lines; the other lines of the
 * section are the reason, which is the same for all of them.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

static gboolean
is_lone_address (const char *line,
                 const char *address)
{
  return g_ascii_strcasecmp (line + strspn (line, "<"), address) == 0 ||
         (strlen (line) == strlen (address) + 2 && line[0] == '<');
}

gboolean
_todoke_mta_read_notes (TodokeMessage *message,
                        TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *row;
  g_autoptr(GString) reason = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  enum { NONE, RECIPIENTS, REASON, BOTH } section = NONE;
  gboolean notes = _todoke_mta_body_has (message, "------- Failure Reasons", 512);
  gboolean enrich = _todoke_mta_enriching (records);
  guint i;

  if (!notes && !(_todoke_mta_body_has (message, "was not delivered to:", 1024) &&
                  _todoke_mta_body_has (message, "because:", 2048)))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  reason = g_string_new (NULL);
  addresses = g_ptr_array_new_with_free_func (g_free);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = g_strstrip (row);
      g_autofree char *address = NULL;

      if (g_str_has_prefix (line, "------- Failure Reasons"))
        section = BOTH;
      else if (g_str_has_prefix (line, "-------"))
        section = NONE;
      else if (g_str_equal (line, "was not delivered to:"))
        section = RECIPIENTS;
      else if (g_str_equal (line, "because:"))
        section = REASON;
      else if (*line == '\0' || section == NONE)
        continue;
      else if (section != REASON && (address = _todoke_text_clean_address (line)) != NULL &&
               is_lone_address (line, address) && addresses->len < TODOKE_MTA_MAX_RECIPIENTS)
        g_ptr_array_add (addresses, g_steal_pointer (&address));
      else if (section != RECIPIENTS)
        g_string_append_printf (reason, "%s\n", line);
    }

  for (i = 0; i < addresses->len; i++)
    {
      const char *address = g_ptr_array_index (addresses, i);
      TodokeRecord *record = _todoke_mta_record_for (records, address);

      if (record != NULL && (!enrich || record->diagnostic == NULL))
        _todoke_mta_take_reply (record, reason->str);
    }

  return enrich || addresses->len > 0;
}
