/* todoke-smtp-reply-private.h: reading what a client got back from a server
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-record-private.h"
#include "todoke-types.h"

G_BEGIN_DECLS

void     _todoke_smtp_reply_parse_into (const char    *text,
                                        TodokeRecord  *record);
char    *_todoke_smtp_reply_find_recipient (const char *text);
gboolean _todoke_smtp_reply_parse      (const char    *text,
                                        guint         *code,
                                        char         **enhanced,
                                        char         **message);

G_END_DECLS
