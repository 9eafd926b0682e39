/* todoke-record.c: what a parser found out about one recipient
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-record-private.h"
#include "todoke-text-private.h"

TodokeRecord *
_todoke_record_new (void)
{
  return g_new0 (TodokeRecord, 1);
}

void
_todoke_record_free (TodokeRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->recipient);
  g_free (record->final_recipient);
  g_free (record->diagnostic);
  g_free (record->verbatim);
  g_free (record->remote_host);
  g_free (record->reporting_mta);
  g_free (record->action);
  g_free (record->feedback_type);
  g_free (record);
}

/* @text without CR before LF and without surrounding blanks; NULL when
 * nothing is left. */
static char *
verbatim_copy (const char *text,
               gsize      *length)
{
  GString *out;
  const char *p;

  *length = 0;
  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      g_string_append_c (out, *p);
  g_strstrip (out->str);
  *length = strlen (out->str);
  return g_string_free (out, *length == 0);
}

/* The words as received, for people: CR LF read as one line break, blank
 * space around the whole text dropped, nothing else changed. */
void
_todoke_record_set_verbatim (TodokeRecord *record,
                             const char   *text)
{
  g_clear_pointer (&record->verbatim, g_free);
  record->verbatim = verbatim_copy (text, &record->verbatim_length);
}

/* Starts the index of @list, whose records so far came from DSN parts. */
void
_todoke_records_init (TodokeRecords *records,
                      GPtrArray     *list)
{
  records->list = list;
  records->by_address = g_hash_table_new (g_str_hash, g_str_equal);
  records->from_dsn = 0;
  _todoke_records_reindex (records);
  records->from_dsn = list->len;
}

void
_todoke_records_clear (TodokeRecords *records)
{
  g_clear_pointer (&records->by_address, g_hash_table_unref);
  records->list = NULL;
}

static void
index_record (TodokeRecords *records,
              TodokeRecord  *record)
{
  if (record->recipient != NULL && !g_hash_table_contains (records->by_address, record->recipient))
    g_hash_table_insert (records->by_address, record->recipient, record);
  /* A report may name the recipient by the address it was rewritten to. */
  if (record->final_recipient != NULL &&
      !g_hash_table_contains (records->by_address, record->final_recipient))
    g_hash_table_insert (records->by_address, record->final_recipient, record);
}

/* Indexes the records of the list anew, after they were changed in place. */
void
_todoke_records_reindex (TodokeRecords *records)
{
  guint i;

  g_hash_table_remove_all (records->by_address);
  for (i = 0; i < records->list->len; i++)
    index_record (records, g_ptr_array_index (records->list, i));
}

/* The first record of @recipient (the address the user wrote, or the one
 * delivery was last tried for), or NULL. */
TodokeRecord *
_todoke_records_find (TodokeRecords *records,
                      const char    *recipient)
{
  if (recipient == NULL)
    return NULL;

  return g_hash_table_lookup (records->by_address, recipient);
}

/* Appends @record (taking it) and indexes its recipient, if it is the
 * first record of it. Returns @record. */
TodokeRecord *
_todoke_records_add (TodokeRecords *records,
                     TodokeRecord  *record)
{
  g_ptr_array_add (records->list, record);
  index_record (records, record);

  return record;
}

/* Keeps the server's words as one line of valid UTF-8, bounded in size,
 * for matching, and as received for people. */
void
_todoke_record_set_diagnostic (TodokeRecord *record,
                               const char   *text)
{
  g_autofree char *valid = NULL;

  g_clear_pointer (&record->diagnostic, g_free);
  g_clear_pointer (&record->verbatim, g_free);
  record->diagnostic_length = 0;
  if (text == NULL)
    return;
  valid = _todoke_text_make_valid (text, strnlen (text, TODOKE_MAX_FIELD_LENGTH));
  record->diagnostic = _todoke_text_squeeze (valid);
  record->diagnostic_length = strlen (record->diagnostic);
  if (record->diagnostic[0] == '\0')
    {
      g_clear_pointer (&record->diagnostic, g_free);
      return;
    }
  _todoke_record_set_verbatim (record, valid);
}

/* The verbatim words grow by a line: a copy of the new line only, and
 * nothing once the field is full, like the one-line text (issue 11). */
static void
append_verbatim (TodokeRecord *record,
                 const char   *valid)
{
  gsize have = record->verbatim_length;
  gsize add;
  char *piece;

  if (record->verbatim == NULL)
    {
      _todoke_record_set_verbatim (record, valid);
      return;
    }
  if (have + 1 >= TODOKE_MAX_FIELD_LENGTH)
    return;
  piece = verbatim_copy (valid, &add);
  if (piece == NULL)
    return;
  record->verbatim = g_realloc (record->verbatim, have + 1 + add + 1);
  record->verbatim[have] = '\n';
  memcpy (record->verbatim + have + 1, piece, add + 1);
  record->verbatim_length = have + 1 + add;
  g_free (piece);
}

/* Adds @text after the words the record has, one space between. Only the
 * new text is validated and squeezed, and nothing once the field is full:
 * appending line after line costs what the lines cost (issue 11). */
void
_todoke_record_append_diagnostic (TodokeRecord *record,
                                  const char   *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *squeezed = NULL;
  gsize have;
  gsize add;

  if (text == NULL || *text == '\0')
    return;
  if (record->diagnostic == NULL)
    {
      _todoke_record_set_diagnostic (record, text);
      return;
    }
  have = record->diagnostic_length != 0 ? record->diagnostic_length : strlen (record->diagnostic);
  if (have + 1 >= TODOKE_MAX_FIELD_LENGTH)
    return;
  valid = _todoke_text_make_valid (text, strnlen (text, TODOKE_MAX_FIELD_LENGTH - have - 1));
  squeezed = _todoke_text_squeeze (valid);
  add = strlen (squeezed);
  if (add == 0)
    return;
  record->diagnostic = g_realloc (record->diagnostic, have + 1 + add + 1);
  record->diagnostic[have] = ' ';
  memcpy (record->diagnostic + have + 1, squeezed, add + 1);
  record->diagnostic_length = have + 1 + add;
  append_verbatim (record, valid);
}

/* Sets the status from a DSN "Status:" value or free text, if it holds one. */
void
_todoke_record_take_status (TodokeRecord *record,
                            const char   *text)
{
  char status[16];
  const char *p = text;

  if (text == NULL)
    return;
  while (*p == ' ' || *p == '\t')
    p++;
  /* A DSN Status field may legitimately be 2.x.x (delivered). */
  if (p[0] == '2' && p[1] == '.')
    {
      gsize n = strspn (p, "0123456789.");

      if (n < sizeof status && n >= 5)
        {
          memcpy (status, p, n);
          status[n] = '\0';
          if (_todoke_text_is_status_code (status))
            memcpy (record->status, status, n + 1);
        }
      return;
    }
  if (_todoke_text_find_status (p, -1, status, NULL))
    memcpy (record->status, status, strlen (status) + 1);
}

TodokeCommand
_todoke_command_from_text (const char *text)
{
  static const struct { const char *word; TodokeCommand command; } words[] = {
    { "rcpt", TODOKE_COMMAND_RCPT },
    { "mail", TODOKE_COMMAND_MAIL },
    { "data", TODOKE_COMMAND_DATA },
    { "bdat", TODOKE_COMMAND_DATA },
    { "end of data", TODOKE_COMMAND_DATA },
    { "ehlo", TODOKE_COMMAND_HELO },
    { "helo", TODOKE_COMMAND_HELO },
    { "starttls", TODOKE_COMMAND_STARTTLS },
    { "auth", TODOKE_COMMAND_AUTH },
    { "conn", TODOKE_COMMAND_CONN },
  };
  gsize i;

  if (text == NULL)
    return TODOKE_COMMAND_NONE;
  for (i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strncasecmp (text, words[i].word, strlen (words[i].word)) == 0)
      return words[i].command;

  return TODOKE_COMMAND_NONE;
}

const char *
_todoke_command_to_string (TodokeCommand command)
{
  switch (command)
    {
    case TODOKE_COMMAND_CONN: return "CONN";
    case TODOKE_COMMAND_HELO: return "HELO";
    case TODOKE_COMMAND_STARTTLS: return "STARTTLS";
    case TODOKE_COMMAND_AUTH: return "AUTH";
    case TODOKE_COMMAND_MAIL: return "MAIL";
    case TODOKE_COMMAND_RCPT: return "RCPT";
    case TODOKE_COMMAND_DATA: return "DATA";
    case TODOKE_COMMAND_NONE:
    default:
      return NULL;
    }
}
