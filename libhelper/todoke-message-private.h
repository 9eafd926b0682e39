/* todoke-message-private.h: a parsed message, reduced to what the parsers read
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gmime/gmime.h>

#include "todoke-bytes-stream-private.h"
#include "todoke-matcher-private.h"
#include "todoke-types.h"

G_BEGIN_DECLS


/* Bounds on what a message may make us do (DESIGN §6). */
#define TODOKE_MAX_MIME_DEPTH   8
#define TODOKE_MAX_MIME_PARTS   256
#define TODOKE_MAX_TEXT_LENGTH  (512 * 1024)
#define TODOKE_MAX_HEADER_LINES 20000

/* How much of the report's top the readers' byte-pair test covers. */
#define TODOKE_MESSAGE_HEAD_LENGTH 8192

typedef struct
{
  GMimeObject  *root;              /* the top-level part, with the message's header fields */
  char         *subject;           /* decoded, never NULL */
  char         *from;              /* decoded From: header, never NULL */
  char         *from_address;      /* lower-case, nullable */
  char         *body;              /* the report text: text parts outside the original, UTF-8 */
  GPtrArray    *dsn_parts;         /* (element-type utf8): delivery-status part contents */
  char         *feedback_report;   /* message/feedback-report contents, nullable */
  GMimeObject  *original;          /* borrowed: the returned message or its headers, nullable */
  char         *original_headers;  /* text/rfc822-headers contents, nullable */
  GPtrArray    *original_fields;   /* TodokeField of original_headers, read on first use */
  TodokeBigrams *head_bigrams;     /* byte pairs of the body's top, built on first use */
  TodokeTruncation truncated;      /* limits this message reached */
  guint         has_report : 1;    /* multipart/report */
} TodokeMessage;

void           _todoke_gmime_init             (void);
TodokeMessage *_todoke_message_parse          (GBytes         *bytes,
                                               GError        **error);
gsize          _todoke_message_bounded_length (const char     *data,
                                               gsize           size,
                                               TodokeTruncation *truncated);
GBytes        *_todoke_message_bounded_copy   (const char     *data,
                                               gsize           size,
                                               gsize          *length,
                                               TodokeTruncation *truncated);
gboolean       _todoke_message_is_read_field  (const char     *name);
void           _todoke_message_free           (TodokeMessage  *message);
const char    *_todoke_message_get_header     (TodokeMessage  *message,
                                               const char     *name);
const TodokeBigrams *_todoke_message_get_head_bigrams (TodokeMessage *message);
const char    *_todoke_message_get_raw_header (TodokeMessage *message,
                                               const char     *name);
char          *_todoke_message_dup_original_header (TodokeMessage *message,
                                               const char     *name);
void           _todoke_message_keep_originals_unparsed (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeMessage, _todoke_message_free)

G_END_DECLS
