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
  char          *recipient;      /* lower-case address */
  char           status[16];     /* "5.1.1" or "" */
  guint          reply_code;     /* 550 or 0 */
  char          *diagnostic;     /* the server's words on one line, for matching */
  char          *verbatim;       /* the same words as received: line breaks kept */
  char          *remote_host;    /* host that refused, if known */
  char          *reporting_mta;  /* host that wrote the report */
  char          *action;         /* DSN Action: failed, delayed, delivered, ... */
  TodokeCommand  command;
  const char    *hint;           /* what the format itself states; interned string */
  char          *feedback_type;  /* RFC 5965 Feedback-Type */
} TodokeRecord;

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
