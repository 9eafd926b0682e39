/* todoke-matcher-private.h: case- and space-insensitive phrase matching
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A phrase from the rules: words that must appear in this order in the
 * normalized text, "*" standing for any gap. Compiled once at load time. */
typedef struct _TodokePhrase TodokePhrase;

/* Which byte pairs occur in a text, hashed into 4096 bits: one bit test
 * tells that a phrase cannot occur, before any scan of the text. */
typedef struct
{
  guint64 bits[64];
} TodokeBigrams;

#define TODOKE_NO_KEY 0xffff

/* The bit of a byte pair in a TodokeBigrams. */
static inline guint16
_todoke_bigram_key (char a,
                    char b)
{
  return ((((guint) (guchar) a) * 61u + (guchar) b) & 4095u);
}

static inline gboolean
_todoke_bigrams_has (const TodokeBigrams *bigrams,
                     guint16              key)
{
  return key == TODOKE_NO_KEY || bigrams == NULL || ((bigrams->bits[key >> 6] >> (key & 63)) & 1);
}

void          _todoke_bigrams_fill    (TodokeBigrams       *bigrams,
                                       const char          *text,
                                       gsize                length);

TodokePhrase *_todoke_phrase_new      (const char          *pattern,
                                       GError             **error);
void          _todoke_phrase_free     (TodokePhrase        *phrase);
gboolean      _todoke_phrase_matches  (const TodokePhrase  *phrase,
                                       const char          *text,
                                       gsize                length);
guint16       _todoke_phrase_get_key  (const TodokePhrase  *phrase);
gboolean      _todoke_phrase_may_occur (const TodokePhrase *phrase,
                                       const TodokeBigrams *bigrams);
const char   *_todoke_phrase_get_pattern (const TodokePhrase *phrase);

/* Status and reply-code patterns: "5.1.1", "5.7.*", "*.2.2", "55x", "4xx". */
gboolean      _todoke_status_pattern_is_valid (const char *pattern);
gboolean      _todoke_status_matches  (const char          *pattern,
                                       const char          *status);
gboolean      _todoke_reply_pattern_is_valid (const char *pattern);
gboolean      _todoke_reply_matches   (const char          *pattern,
                                       guint                code);

G_END_DECLS
