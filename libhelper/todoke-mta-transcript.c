/* todoke-mta-transcript.c: Sendmail-style session transcripts
 *
 * Reads the "The following addresses had …" and "Transcript of session
 * follows" sections (see todoke-mta-sendmail.c for their shape) into one
 * entry per recipient. Lines are attributed as Sendmail prints them: a
 * server reply to "RCPT To:<addr>" belongs to that address; other replies
 * and a local mailer's output wait for the next "addr... verdict" line;
 * what is left at the end goes to the recipients the transcript did not
 * name, and its sentences without a code (the queue gave up after so many
 * hours) to everyone.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-transcript-private.h"
#include "todoke-text-private.h"

#define TALKING_TO "talking to"

typedef enum
{
  SECTION_NONE,
  SECTION_ADDRESSES,
  SECTION_TRANSCRIPT,
} Section;

typedef struct
{
  GPtrArray             *entries;
  Section                section;
  gboolean               quoted;         /* the whole report is quoted with "> " */
  gboolean               delayed;        /* in a "transient non-fatal errors" list */
  gboolean               delivered;      /* in a "successful delivery notifications" list */
  TodokeTranscriptEntry *listed;         /* last entry of the address list */
  char                  *host;
  TodokeCommand          command;        /* the last ">>>" command */
  TodokeMtaDialogue      dialogue;       /* which command each "<<<" reply answered */
  char                  *rcpt;           /* its address, if it was RCPT */
  gboolean               quit;
  GString               *pending_local;
  GString               *pending_remote;
  TodokeCommand          pending_command;
} Reader;

static void
entry_free (TodokeTranscriptEntry *entry)
{
  g_free (entry->address);
  g_free (entry->written);
  g_string_free (entry->local, TRUE);
  g_free (entry->reason);
  g_string_free (entry->remote, TRUE);
  g_string_free (entry->trailing, TRUE);
  g_free (entry->host);
  g_free (entry);
}

static TodokeTranscriptEntry *
get_entry (Reader     *reader,
           const char *address)
{
  TodokeTranscriptEntry *entry;
  guint i;

  for (i = 0; address != NULL && i < reader->entries->len; i++)
    {
      entry = g_ptr_array_index (reader->entries, i);
      if (g_strcmp0 (entry->address, address) == 0)
        return entry;
    }
  if (reader->entries->len >= TODOKE_MTA_MAX_RECIPIENTS)
    return NULL;

  entry = g_new0 (TodokeTranscriptEntry, 1);
  entry->address = g_strdup (address);
  entry->local = g_string_new (NULL);
  entry->remote = g_string_new (NULL);
  entry->trailing = g_string_new (NULL);
  entry->delayed = reader->delayed;
  entry->delivered = reader->delivered;
  g_ptr_array_add (reader->entries, entry);

  return entry;
}

static void
append_line (GString    *out,
             const char *line,
             gsize       length)
{
  if (length == 0)
    return;
  g_string_append_len (out, line, length);
  g_string_append_c (out, '\n');
}

/* "----- The following addresses had … -----" and friends. */
static gboolean
take_marker (Reader     *reader,
             const char *line,
             gsize       length)
{
  const char *p = line;
  const char *end = line + length;
  gboolean quoted = FALSE;

  if (p < end && *p == '>')
    {
      quoted = TRUE;
      p++;
    }
  while (p < end && *p == ' ')
    p++;
  if (end - p < 3 || strncmp (p, "---", 3) != 0)
    return FALSE;
  while (p < end && (*p == '-' || *p == ' '))
    p++;

  if (_todoke_mta_has_prefix (p, end - p, "The following addresses had"))
    {
      reader->section = SECTION_ADDRESSES;
      reader->delayed = _todoke_mta_find_in_line (p, end - p, "transient") != NULL;
      reader->delivered = _todoke_mta_find_in_line (p, end - p, "successful") != NULL;
    }
  else if (_todoke_mta_has_prefix (p, end - p, "Transcript of session follows"))
    reader->section = SECTION_TRANSCRIPT;
  else
    reader->section = SECTION_NONE;
  reader->quoted = reader->quoted || quoted;

  return TRUE;
}

/* The text inside "(reason: …)", "[…]" or "(…)", without the brackets. */
static char *
dup_inside (const char *p,
            const char *end,
            const char *label)
{
  gsize n = strlen (label);

  if (*p == '(' || *p == '[')
    p++;
  if ((gsize) (end - p) >= n && g_ascii_strncasecmp (p, label, n) == 0)
    p += n;
  while (p < end && *p == ' ')
    p++;
  while (end > p && (end[-1] == ')' || end[-1] == ']' || end[-1] == ' '))
    end--;

  return end > p ? g_strndup (p, end - p) : NULL;
}

static void
read_listed (Reader     *reader,
             const char *line,
             gsize       length)
{
  const char *end = line + length;
  const char *after = NULL;
  g_autofree char *address = NULL;
  TodokeTranscriptEntry *entry;

  if (*line == '(')
    {
      if (reader->listed == NULL)
        return;
      if (_todoke_mta_has_prefix (line, length, "(reason:"))
        {
          g_free (reader->listed->reason);
          reader->listed->reason = dup_inside (line, end, "reason:");
        }
      else if (_todoke_mta_has_prefix (line, length, "(expanded from:") &&
               reader->listed->address == NULL)
        reader->listed->address = _todoke_text_find_address (line, length, NULL);
      else if (_todoke_mta_has_prefix (line, length, "(expanded from:") &&
               reader->listed->written == NULL)
        reader->listed->written = _todoke_text_find_address (line, length, NULL);
      return;
    }

  address = _todoke_text_find_address (line, length, &after);
  /* A program or file recipient ("|/usr/bin/procmail") has no address
   * until its "(expanded from: …)" line. */
  if (address == NULL && *line != '"' && *line != '|' && *line != '/')
    return;
  if (address != NULL && after - strlen (address) - line > 8)
    return;

  entry = get_entry (reader, address);
  if (entry == NULL)
    return;
  reader->listed = entry;
  if (address == NULL)
    return;
  /* "addr [User unknown]" / "<addr>   (Unknown user …)" */
  while (after < end && (*after == '>' || *after == ' ' || *after == '\t'))
    after++;
  if (after < end && (*after == '(' || *after == '['))
    {
      g_free (entry->reason);
      entry->reason = dup_inside (after, end, "");
    }
}

static void
clear_pending (Reader *reader)
{
  g_string_truncate (reader->pending_local, 0);
  g_string_truncate (reader->pending_remote, 0);
  reader->pending_command = TODOKE_COMMAND_NONE;
}

/* "550 5.1.1 <addr>... User unknown": Sendmail's verdict on one address. */
static gboolean
read_verdict (Reader     *reader,
              const char *line,
              gsize       length)
{
  const char *dots = _todoke_mta_find_in_line (line, length, "...");
  const char *end = line + length;
  const char *text;
  g_autofree char *address = NULL;
  TodokeTranscriptEntry *entry;

  if (dots == NULL || dots - line > 320 || (dots + 3 < end && dots[3] != ' '))
    return FALSE;
  address = _todoke_text_find_address (line, dots - line, NULL);
  if (address == NULL)
    {
      /* "421 example.org (smtp)... Deferred": a verdict on a host. */
      append_line (reader->pending_local, line, length);
      return TRUE;
    }
  if ((entry = get_entry (reader, address)) == NULL)
    return TRUE;

  text = dots + 3;
  while (text < end && *text == ' ')
    text++;
  g_string_append (entry->local, reader->pending_local->str);
  /* Keep Sendmail's own code unless the text quotes the server's. */
  if (_todoke_text_find_reply_code (text, MIN (end - text, 4), NULL) == 0 &&
      g_ascii_isdigit (*line))
    {
      const char *code_end = line;

      while (code_end < dots &&
             (g_ascii_isdigit (*code_end) || *code_end == '.' || *code_end == ' '))
        code_end++;
      g_string_append_len (entry->local, line, code_end - line);
    }
  append_line (entry->local, text, end - text);
  if (entry->remote->len == 0 && reader->pending_remote->len > 0)
    {
      g_string_append (entry->remote, reader->pending_remote->str);
      entry->command = reader->pending_command;
    }
  if (entry->host == NULL)
    entry->host = g_strdup (reader->host);
  entry->spoke = TRUE;
  clear_pending (reader);

  return TRUE;
}

/* With PIPELINING Sendmail sends RCPT and DATA at once and shows only
 * ">>> DATA"; a 503 ("need RCPT") to DATA proves that the replies before
 * it answered RCPT. */
static void
unpipeline (Reader *reader)
{
  guint i;

  if (reader->pending_command == TODOKE_COMMAND_DATA)
    reader->pending_command = TODOKE_COMMAND_RCPT;
  for (i = 0; i < reader->entries->len; i++)
    {
      TodokeTranscriptEntry *entry = g_ptr_array_index (reader->entries, i);

      if (entry->command == TODOKE_COMMAND_DATA && g_strcmp0 (entry->host, reader->host) == 0)
        entry->command = TODOKE_COMMAND_RCPT;
    }
}

static void
read_session_line (Reader     *reader,
                   const char *line,
                   gsize       length)
{
  const char *end = line + length;

  if (_todoke_mta_has_prefix (line, length, "... while talking to") ||
      _todoke_mta_has_prefix (line, length, "while talking to"))
    {
      const char *host = _todoke_mta_find_in_line (line, length, TALKING_TO) + strlen (TALKING_TO);
      const char *host_end = end;

      while (host < end && *host == ' ')
        host++;

      while (host_end > host && (host_end[-1] == ':' || host_end[-1] == '.' || host_end[-1] == ' '))
        host_end--;
      g_free (reader->host);
      reader->host = host_end > host ? g_ascii_strdown (host, host_end - host) : NULL;
      g_clear_pointer (&reader->rcpt, g_free);
      g_string_truncate (reader->pending_remote, 0);
      reader->command = TODOKE_COMMAND_NONE;
      _todoke_mta_dialogue_reset (&reader->dialogue);
      reader->quit = FALSE;
    }
  else if (length > 4 && strncmp (line, ">>> ", 4) == 0)
    {
      reader->command = _todoke_command_from_text (line + 4);
      _todoke_mta_dialogue_sent (&reader->dialogue, line + 4);
      reader->quit = g_ascii_strncasecmp (line + 4, "QUIT", 4) == 0;
      g_clear_pointer (&reader->rcpt, g_free);
      if (reader->command == TODOKE_COMMAND_RCPT)
        reader->rcpt = _todoke_text_find_address (line + 4, length - 4, NULL);
    }
  else if (length >= 3 && strncmp (line, "<<<", 3) == 0)
    {
      TodokeTranscriptEntry *entry;
      TodokeCommand answered;

      if (reader->quit)
        return;
      answered = _todoke_mta_dialogue_reply (&reader->dialogue, line + 3);
      if (reader->command == TODOKE_COMMAND_DATA &&
          _todoke_mta_has_prefix (line + 3, length - 3, "503"))
        {
          unpipeline (reader);
          return;
        }
      if (reader->rcpt != NULL && (entry = get_entry (reader, reader->rcpt)) != NULL)
        {
          append_line (entry->remote, line + 3, length - 3);
          entry->command = TODOKE_COMMAND_RCPT;
          if (entry->host == NULL)
            entry->host = g_strdup (reader->host);
          return;
        }
      append_line (reader->pending_remote, line + 3, length - 3);
      reader->pending_command = answered;
    }
  else if (!read_verdict (reader, line, length))
    append_line (reader->pending_local, line, length);
}

/* Where a transcript ends when no MIME boundary ended it for us. */
static gboolean
ends_transcript (const char *line,
                 gsize       length)
{
  static const char * const fields[] = {
    "Reporting-MTA:", "Final-Recipient:", "Original-Recipient:", "Return-Path:",
    "Received:", "Content-Type:", NULL
  };
  guint i;

  if (length > 2 && line[0] == '-' && line[1] == '-' && line[2] != '-' && line[2] != ' ')
    return TRUE;
  for (i = 0; fields[i] != NULL; i++)
    if (_todoke_mta_has_prefix (line, length, fields[i]))
      return TRUE;

  return FALSE;
}

/* Lines left over at the end: to the recipients without a verdict of their
 * own, and what carries no reply code (the queue's summary) to all. */
static void
finish (Reader *reader)
{
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint i;

  if (reader->entries->len == 0 &&
      (reader->pending_local->len > 0 || reader->pending_remote->len > 0))
    get_entry (reader, NULL);

  for (i = 0; i < reader->entries->len; i++)
    {
      TodokeTranscriptEntry *entry = g_ptr_array_index (reader->entries, i);

      if (entry->spoke)
        continue;
      g_string_append (entry->local, reader->pending_local->str);
      if (entry->remote->len == 0)
        {
          g_string_append (entry->remote, reader->pending_remote->str);
          if (entry->command == TODOKE_COMMAND_NONE)
            entry->command = reader->pending_command;
        }
      if (entry->host == NULL)
        entry->host = g_strdup (reader->host);
    }

  _todoke_mta_lines_init (&lines, reader->pending_local->str);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      if (_todoke_text_find_reply_code (line, length, NULL) != 0)
        continue;
      for (i = 0; i < reader->entries->len; i++)
        {
          TodokeTranscriptEntry *entry = g_ptr_array_index (reader->entries, i);

          if (entry->spoke)
            append_line (entry->trailing, line, length);
        }
    }
}

/* Reads a Sendmail-style report into entries (element-type
 * TodokeTranscriptEntry), in the order the report names them. */
GPtrArray *
_todoke_transcript_read (const char *report)
{
  Reader reader = { 0 };
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;

  reader.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  reader.pending_local = g_string_new (NULL);
  reader.pending_remote = g_string_new (NULL);

  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      if (take_marker (&reader, line, length))
        continue;
      if (reader.quoted && length > 0 && *line == '>')
        {
          line++;
          length--;
          if (length > 0 && *line == ' ')
            {
              line++;
              length--;
            }
        }
      while (length > 0 && (*line == ' ' || *line == '\t'))
        {
          line++;
          length--;
        }
      if (length == 0)
        continue;
      if (reader.section == SECTION_ADDRESSES)
        read_listed (&reader, line, length);
      else if (reader.section == SECTION_TRANSCRIPT)
        {
          if (ends_transcript (line, length))
            reader.section = SECTION_NONE;
          else
            read_session_line (&reader, line, length);
        }
    }
  finish (&reader);

  g_free (reader.host);
  g_free (reader.rcpt);
  g_string_free (reader.pending_local, TRUE);
  g_string_free (reader.pending_remote, TRUE);

  return reader.entries;
}

/* Adds @text to the diagnostic unless its words are there already. */
static void
append_once (TodokeRecord *record,
             const char   *text,
             gboolean      is_reply)
{
  g_autofree char *words = _todoke_text_squeeze (text);

  if (words == NULL || *words == '\0')
    return;
  if (record->diagnostic != NULL && _todoke_text_strcasestr (record->diagnostic, words) != NULL)
    return;
  if (is_reply)
    {
      _todoke_mta_take_reply (record, text);
      return;
    }
  _todoke_record_append_diagnostic (record, words);
  _todoke_mta_fill_from_text (record, words);
}

/* The entry's words in the record: the MTA's first, the server's reply
 * last, then the queue's summary. @summary (nullable), the report's own
 * one-line summary, leads when the transcript has no verdict for the entry. */
void
_todoke_transcript_entry_apply (const TodokeTranscriptEntry *entry,
                                TodokeRecord                *record,
                                const char                  *summary)
{
  if (!entry->spoke)
    append_once (record, summary, FALSE);
  append_once (record, entry->local->str, FALSE);
  append_once (record, entry->reason, FALSE);
  append_once (record, entry->remote->str, TRUE);
  append_once (record, entry->trailing->str, FALSE);
}
