/* todoke-mta-private.h: readers for the non-standard reports of real MTAs
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-message-private.h"
#include "todoke-record-private.h"

G_BEGIN_DECLS

/* THE READER CONTRACT
 *
 * A reader knows one MTA's or provider's own report format. The readers are
 * tried in the order of todoke-mta.c after the DSN parts were read
 * (todoke-dsn.c); the first that returns TRUE ends the search.
 *
 * 1. Recognise first, cheaply. Test the message with _todoke_mta_body_has()
 *    and _todoke_mta_header_has() and return FALSE, having changed nothing,
 *    when it is not in the reader's format.
 * 2. Read only the report. Walk its lines with _todoke_mta_lines_next() after
 *    _todoke_mta_lines_init_report(): the returned original is cut off
 *    at its delimiter (_todoke_mta_cut_original()), so the headers of the
 *    returned message are never read as the report. An address is taken
 *    only where the format puts the failed recipient, never from prose
 *    around it (an example address) and never from the returned message.
 *    Report nothing rather than a wrong address.
 * 3. Enrich or add: ask _todoke_mta_record_for() for the record of an
 *    address, and nothing else. When DSN parts gave records, it returns the
 *    DSN's record of that address (enrich: fill what is missing) or NULL
 *    (the DSN decides who failed); otherwise it adds a failed record, up to
 *    TODOKE_MTA_MAX_RECIPIENTS, and NULL past the bound. Lookups are hashed.
 * 4. Gather a recipient's words with _todoke_mta_append_words() and hand
 *    them over with _todoke_mta_flush_words(), which keeps a DSN record's
 *    own diagnostic: accumulation is linear, nothing is re-scanned.
 * 5. The SMTP command comes from the report's own markers (">>> RCPT TO",
 *    "in reply to RCPT TO command", "after RCPT TO"): _todoke_mta_take_reply()
 *    and _todoke_mta_fill_from_text() read them, never a guess from where
 *    the text sits.
 * 6. Return TRUE when the message is in the reader's format and it added or
 *    enriched records.
 */
typedef gboolean (*TodokeMtaReader) (TodokeMessage *message,
                                     TodokeRecords *records);

typedef struct
{
  const char      *name;
  TodokeMtaReader  read;
} TodokeMta;

const TodokeMta *_todoke_mta_get_all       (guint         *n_mtas);

/* Helpers the readers share (todoke-mta-common.c). */
char            *_todoke_mta_cut_original  (const char    *body);
TodokeRecord    *_todoke_mta_record_for    (TodokeRecords *records,
                                            const char    *address);
gboolean         _todoke_mta_enriching     (TodokeRecords *records);
char            *_todoke_mta_report        (TodokeMessage *message);
void             _todoke_mta_fill_from_text (TodokeRecord *record,
                                            const char    *text);
gboolean         _todoke_mta_read_paragraphs (TodokeMessage *message,
                                            const char    *report,
                                            TodokeRecords *records);
gboolean         _todoke_mta_read_named    (const char    *report,
                                            TodokeRecords *records);
gboolean         _todoke_mta_is_system_address (const char *address);
gboolean         _todoke_mta_is_daemon_address (const char *address);
const char      *_todoke_mta_trim          (const char    *line,
                                            gsize         *length);
char            *_todoke_mta_take_host     (const char    *text);
GPtrArray       *_todoke_mta_failed_recipients (TodokeMessage *message);
void             _todoke_mta_append_words  (GString       *out,
                                            const char    *text,
                                            gsize          length,
                                            gsize          limit);

/* Line-level helpers for the readers of classic MTA reports. */
#define TODOKE_MTA_MAX_RECIPIENTS 1000

/* The one way readers walk a text line by line: over a copy of it, each
 * line NUL-terminated in place, "\r\n" and "\n" alike, at most
 * TODOKE_MTA_MAX_LINES lines. Declare with g_auto(TodokeMtaLines). */
typedef struct
{
  char  *text;      /* owned copy, split in place */
  char  *cursor;
  guint  count;
} TodokeMtaLines;

void             _todoke_mta_lines_init    (TodokeMtaLines *lines,
                                            const char     *text);
void             _todoke_mta_lines_init_report (TodokeMtaLines *lines,
                                            TodokeMessage  *message);
gboolean         _todoke_mta_lines_next    (TodokeMtaLines *lines,
                                            char          **line,
                                            gsize          *length);
void             _todoke_mta_lines_clear   (TodokeMtaLines *lines);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TodokeMtaLines, _todoke_mta_lines_clear)

gboolean         _todoke_mta_has_prefix    (const char    *line,
                                            gsize          length,
                                            const char    *prefix);
const char      *_todoke_mta_find_in_line  (const char    *line,
                                            gsize          length,
                                            const char    *needle);
char            *_todoke_mta_dup_host      (const char    *text,
                                            gsize          length);
gboolean         _todoke_mta_header_has    (TodokeMessage *message,
                                            const char    *name,
                                            const char    *needle);
gboolean         _todoke_mta_body_has      (TodokeMessage *message,
                                            const char    *needle,
                                            gsize          within);
void             _todoke_mta_take_reply    (TodokeRecord  *record,
                                            const char    *text);
char            *_todoke_mta_dup_inline_address (const char *body,
                                            const char    *name);

#define TODOKE_MTA_MAX_LINES 20000

/* An SMTP dialogue as a report shows it (">>> RCPT TO:<…>", "<<< 550 …"):
 * which command each reply answered, from the dialogue's own markers. With
 * PIPELINING (RFC 2920) a client sends several commands before it reads
 * their replies, which come back in the order of the commands. */
#define TODOKE_MTA_DIALOGUE_DEPTH 16

typedef struct
{
  TodokeCommand sent[TODOKE_MTA_DIALOGUE_DEPTH];
  guint         n_sent;       /* commands sent and kept */
  guint         n_answered;   /* of them, answered by a final reply line */
} TodokeMtaDialogue;

void             _todoke_mta_dialogue_reset (TodokeMtaDialogue *dialogue);
void             _todoke_mta_dialogue_sent  (TodokeMtaDialogue *dialogue,
                                            const char        *command);
TodokeCommand    _todoke_mta_dialogue_reply (TodokeMtaDialogue *dialogue,
                                            const char        *reply);
gboolean         _todoke_mta_is_final_failure (const char     *reply);

void             _todoke_mta_flush_words   (TodokeRecord  *record,
                                            GString       *text,
                                            gboolean       enrich);

G_END_DECLS
