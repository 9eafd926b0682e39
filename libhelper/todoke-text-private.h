/* todoke-text-private.h: small text helpers shared by the parsers
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest text kept from any one server reply or bounce field. */
#define TODOKE_MAX_FIELD_LENGTH (64 * 1024)

char       *_todoke_text_normalize        (const char  *text,
                                           gssize       length);
gboolean    _todoke_text_find_status      (const char  *text,
                                           gssize       length,
                                           char         status[16],
                                           const char **where);
gboolean    _todoke_text_find_last_status (const char  *text,
                                           gssize       length,
                                           char         status[16]);
guint       _todoke_text_find_last_reply_code (const char *text,
                                           gssize       length);
guint       _todoke_text_find_reply_code  (const char  *text,
                                           gssize       length,
                                           const char **where);
char       *_todoke_text_find_address     (const char  *text,
                                           gssize       length,
                                           const char **end);
char       *_todoke_text_clean_address    (const char  *text);
char       *_todoke_text_single_address   (const char  *text);
const char *_todoke_text_address_domain   (const char  *address);
char       *_todoke_text_make_valid       (const char  *text,
                                           gssize       length);
char       *_todoke_text_to_utf8          (const char  *data,
                                           gsize        length,
                                           const char  *charset);
char       *_todoke_text_to_utf8_take     (char        *data,
                                           gsize        length,
                                           const char  *charset);
char       *_todoke_text_squeeze          (const char  *text);
void        _todoke_text_strip_reply_prefixes (char     *text,
                                           guint        code);
gboolean    _todoke_text_host_matches     (const char  *host,
                                           const char  *suffix);
const char *_todoke_text_strcasestr       (const char  *haystack,
                                           const char  *needle);
gboolean    _todoke_text_is_status_code   (const char  *text);
gsize       _todoke_text_leading_status   (const char  *text,
                                           char         status[16]);

G_END_DECLS
