/* todoke-mta-mdaemon.c: MDaemon's failure notices
 *
 *   The attached message had PERMANENT fatal delivery errors!
 *   …
 *   --- Session Transcript ---
 *    Fri 2026-12-04 10:00:00: *  To: taro@example.com
 *    Fri 2026-12-04 10:00:01: >>> RCPT To:<taro@example.com>
 *    Fri 2026-12-04 10:00:01: <<< 550 5.1.1 <taro@example.com>... No such user here
 *   --- End Transcript ---
 *
 * Every transcript line starts with its time. A failure reply ("<<< 5xx",
 * "<<< 4xx") belongs to the address of the RCPT before it; after any other
 * command, to the recipients the transcript lists ("*  To:"). The prose
 * above the transcript names the postmaster, never a recipient.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

#define MARKER "had PERMANENT fatal delivery errors"

typedef struct
{
  TodokeRecords *records;
  gboolean       enrich;
  GPtrArray     *listed;     /* "*  To:" addresses */
  char          *rcpt;       /* the address of the last RCPT */
  TodokeCommand  command;    /* the last ">>>" command */
} Reader;

/* " Fri 2026-12-04 10:00:01: >>> RCPT …" → ">>> RCPT …" */
static const char *
after_time (const char *line)
{
  const char *colon = strstr (line, ": ");

  return colon != NULL ? colon + 2 : line;
}

static void
take_failure (Reader     *reader,
              const char *address,
              const char *reply)
{
  TodokeRecord *record = _todoke_mta_record_for (reader->records, address);

  if (record == NULL || (reader->enrich && record->diagnostic != NULL))
    return;
  _todoke_mta_take_reply (record, reply);
  if (record->command == TODOKE_COMMAND_NONE)
    record->command = reader->command;
}

static void
read_line (Reader     *reader,
           const char *line)
{
  guint i;

  if (g_str_has_prefix (line, "*  To:"))
    {
      char *address = _todoke_text_find_address (line, -1, NULL);

      if (address != NULL)
        g_ptr_array_add (reader->listed, address);
    }
  else if (g_str_has_prefix (line, ">>> "))
    {
      reader->command = _todoke_command_from_text (line + 4);
      g_clear_pointer (&reader->rcpt, g_free);
      if (reader->command == TODOKE_COMMAND_RCPT)
        reader->rcpt = _todoke_text_find_address (line, -1, NULL);
    }
  else if (g_str_has_prefix (line, "<<< ") && (line[4] == '4' || line[4] == '5'))
    {
      if (reader->rcpt != NULL)
        take_failure (reader, reader->rcpt, line + 4);
      else
        for (i = 0; i < reader->listed->len; i++)
          take_failure (reader, g_ptr_array_index (reader->listed, i), line + 4);
    }
}

gboolean
_todoke_mta_read_mdaemon (TodokeMessage *message,
                          TodokeRecords *records)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  Reader reader = { records, _todoke_mta_enriching (records), listed, NULL, TODOKE_COMMAND_NONE };
  gboolean inside = FALSE;
  guint before = records->list->len;
  char *row;

  if (!_todoke_mta_body_has (message, MARKER, 512))
    return FALSE;

  _todoke_mta_lines_init_report (&lines, message);
  while (_todoke_mta_lines_next (&lines, &row, NULL))
    {
      const char *line = g_strstrip (row);

      if (g_str_has_prefix (line, "--- Session Transcript"))
        inside = TRUE;
      else if (g_str_has_prefix (line, "--- End Transcript"))
        inside = FALSE;
      else if (inside)
        read_line (&reader, after_time (line));
    }
  g_free (reader.rcpt);

  return reader.enrich || records->list->len > before;
}
