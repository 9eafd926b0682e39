/* todoke-mta-private.h: readers for the non-standard reports of real MTAs
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-message-private.h"
#include "todoke-record-private.h"

G_BEGIN_DECLS

/* A reader looks at the message and adds records for what its format
 * reports; it returns FALSE if the message is not in its format. When a
 * DSN part was read already, @records holds its records and the reader
 * may only enrich them (fill in a missing diagnostic, the SMTP stage). */
typedef gboolean (*TodokeMtaReader) (TodokeMessage *message,
                                     GPtrArray     *records);

typedef struct
{
  const char      *name;
  TodokeMtaReader  read;
} TodokeMta;

const TodokeMta *_todoke_mta_get_all       (guint         *n_mtas);

/* Helpers the readers share (todoke-mta-common.c). */
char            *_todoke_mta_cut_original  (const char    *body);
TodokeRecord    *_todoke_mta_find_record   (GPtrArray     *records,
                                            const char    *recipient);
TodokeRecord    *_todoke_mta_add_record    (GPtrArray     *records,
                                            const char    *recipient);
void             _todoke_mta_fill_from_text (TodokeRecord *record,
                                            const char    *text);
gboolean         _todoke_mta_read_paragraphs (TodokeMessage *message,
                                            const char    *report,
                                            GPtrArray     *records);
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
TodokeRecord    *_todoke_mta_open_failed   (GPtrArray     *records,
                                            const char    *address,
                                            gboolean       may_add);

/* Line-level helpers for the readers of classic MTA reports. */
#define TODOKE_MTA_MAX_RECIPIENTS 1000

gboolean         _todoke_mta_next_line     (const char   **cursor,
                                            const char   **line,
                                            gsize         *length);
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

GStrv            _todoke_mta_report_lines  (TodokeMessage *message);
TodokeRecord    *_todoke_mta_add_failed    (GPtrArray     *records,
                                            const char    *address);
TodokeRecord    *_todoke_mta_open_record   (GPtrArray     *records,
                                            guint          first,
                                            const char    *address);
void             _todoke_mta_flush_words   (TodokeRecord  *record,
                                            GString       *text,
                                            gboolean       enrich);

G_END_DECLS
