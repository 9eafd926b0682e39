/* todoke-record-private.h: what a parser found out about one recipient
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SMTP stage a reply answered, as far as the report tells. */
typedef enum
{
  TODOKE_COMMAND_NONE = 0,
  TODOKE_COMMAND_CONN,     /* the greeting, or connecting at all */
  TODOKE_COMMAND_HELO,     /* HELO / EHLO */
  TODOKE_COMMAND_STARTTLS,
  TODOKE_COMMAND_AUTH,
  TODOKE_COMMAND_MAIL,
  TODOKE_COMMAND_RCPT,
  TODOKE_COMMAND_DATA,     /* DATA, BDAT or the end of data */
} TodokeCommand;

/* One failed (or reported) recipient, before classification. Parsers fill
 * what their format tells; everything may stay NULL or 0. */
typedef struct
{
  char          *recipient;      /* lower-case address: the one the user wrote */
  char          *final_recipient; /* the address delivery was last tried for,
                                  * when a DSN names another (an alias or
                                  * forward rewrote it); nullable */
  char           status[16];     /* "5.1.1" or "" */
  guint          reply_code;     /* 550 or 0 */
  char          *diagnostic;     /* the server's words on one line, valid UTF-8, for
                                  * matching; write it with _todoke_record_set_diagnostic()
                                  * and _todoke_record_append_diagnostic() */
  gsize          diagnostic_length; /* strlen (diagnostic) when they wrote it */
  char          *verbatim;       /* the same words as received: line breaks kept */
  gsize          verbatim_length; /* strlen (verbatim) */
  char          *remote_host;    /* host that refused, if known */
  char          *reporting_mta;  /* host that wrote the report */
  char          *action;         /* DSN Action: failed, delayed, delivered, ... */
  TodokeCommand  command;
  const char    *hint;           /* what the format itself states; interned string */
  char          *feedback_type;  /* RFC 5965 Feedback-Type */
} TodokeRecord;

/* The records of one message and their index by address: looking an
 * address up costs the same with 1 record or 100,000 (issue 11). */
typedef struct
{
  GPtrArray  *list;         /* (element-type TodokeRecord): owned by the caller */
  GHashTable *by_address;   /* recipient -> its first record in @list */
  guint       from_dsn;     /* how many records of @list the DSN parts gave */
} TodokeRecords;

void           _todoke_records_init           (TodokeRecords *records,
                                               GPtrArray     *list);
void           _todoke_records_clear          (TodokeRecords *records);
TodokeRecord  *_todoke_records_find           (TodokeRecords *records,
                                               const char    *recipient);
TodokeRecord  *_todoke_records_add            (TodokeRecords *records,
                                               TodokeRecord  *record);
void           _todoke_records_reindex        (TodokeRecords *records);

TodokeRecord  *_todoke_record_new             (void);
void           _todoke_record_free            (TodokeRecord  *record);
void           _todoke_record_set_diagnostic  (TodokeRecord  *record,
                                               const char    *text);
void           _todoke_record_set_verbatim    (TodokeRecord  *record,
                                               const char    *text);
void           _todoke_record_append_diagnostic (TodokeRecord *record,
                                               const char    *text);
void           _todoke_record_take_status     (TodokeRecord  *record,
                                               const char    *text);
TodokeCommand  _todoke_command_from_text      (const char    *text);
const char    *_todoke_command_to_string      (TodokeCommand  command);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeRecord, _todoke_record_free)

G_END_DECLS
