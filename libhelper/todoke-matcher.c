/* todoke-matcher.c: case- and space-insensitive phrase matching
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-matcher-private.h"
#include "todoke-text-private.h"

struct _TodokePhrase
{
  char   *pattern;   /* as written, for messages and tests */
  char  **pieces;    /* normalized literal pieces, in order */
  gsize  *lengths;
  guint   n_pieces;
  guint   anchored_start : 1;
  guint   anchored_end : 1;
  guint   word_start : 1;  /* "\\b" before: no letter or digit before the hit */
  guint   word_end : 1;    /* "\\b" after: none after it */
  guint16 key;       /* hashed rarest byte pair of the phrase */
  guint   has_key : 1;
};

#define BIGRAM_HASH(a, b) _todoke_bigram_key ((a), (b))

void
_todoke_bigrams_fill (TodokeBigrams *bigrams,
                      const char    *text,
                      gsize          length)
{
  gsize i;

  memset (bigrams, 0, sizeof *bigrams);
  for (i = 0; i + 1 < length; i++)
    {
      guint h = BIGRAM_HASH (text[i], text[i + 1]);

      bigrams->bits[h >> 6] |= G_GUINT64_CONSTANT (1) << (h & 63);
    }
}

/* The phrase's key for a TodokeBigrams test, or TODOKE_NO_KEY when every
 * text must be scanned. */
guint16
_todoke_phrase_get_key (const TodokePhrase *phrase)
{
  return phrase->has_key ? phrase->key : TODOKE_NO_KEY;
}

gboolean
_todoke_phrase_may_occur (const TodokePhrase  *phrase,
                          const TodokeBigrams *bigrams)
{
  if (!phrase->has_key || bigrams == NULL)
    return TRUE;

  return (bigrams->bits[phrase->key >> 6] >> (phrase->key & 63)) & 1;
}

/* Letters that are rare in mail server replies make the best key. */
static guint
rarity (guchar c)
{
  static const char common[] = " etaoinsrhlducm";
  const char *hit = c != 0 ? strchr (common, c) : NULL;

  return hit != NULL ? (guint) (hit - common) : 20;
}

static guint16
choose_key (char    **pieces,
            gboolean *found)
{
  guint best_score = 0;
  guint16 best = 0;
  guint i;

  for (i = 0; pieces[i] != NULL; i++)
    {
      const char *p;

      for (p = pieces[i]; p[0] != '\0' && p[1] != '\0'; p++)
        {
          guint score = rarity (p[0]) + rarity (p[1]) + 1;

          if (score > best_score)
            {
              best_score = score;
              best = BIGRAM_HASH (p[0], p[1]);
            }
        }
    }

  *found = best_score > 0;

  return best;
}

/* Phrases are matched with memmem(): the text is normalized once per
 * record, so every phrase costs one or two linear scans and nothing else. */
TodokePhrase *
_todoke_phrase_new (const char  *pattern,
                    GError     **error)
{
  g_autofree char *normal = NULL;
  g_auto(GStrv) parts = NULL;
  TodokePhrase *phrase;
  GPtrArray *pieces;
  guint i;

  g_return_val_if_fail (pattern != NULL, NULL);

  normal = _todoke_text_normalize (pattern, -1);
  if (normal[0] == '\0' || strcmp (normal, "*") == 0)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "Empty text pattern");
      return NULL;
    }

  phrase = g_new0 (TodokePhrase, 1);
  phrase->pattern = g_strdup (pattern);
  if (normal[0] == '^')
    {
      phrase->anchored_start = TRUE;
      memmove (normal, normal + 1, strlen (normal));
    }
  if (normal[0] != '\0' && normal[strlen (normal) - 1] == '$')
    {
      phrase->anchored_end = TRUE;
      normal[strlen (normal) - 1] = '\0';
    }
  if (g_str_has_prefix (normal, "\\b"))
    {
      phrase->word_start = TRUE;
      memmove (normal, normal + 2, strlen (normal) - 1);
    }
  if (g_str_has_suffix (normal, "\\b"))
    {
      phrase->word_end = TRUE;
      normal[strlen (normal) - 2] = '\0';
    }

  parts = g_strsplit (normal, "*", -1);
  pieces = g_ptr_array_new ();
  for (i = 0; parts[i] != NULL; i++)
    {
      char *piece = g_strstrip (parts[i]);

      if (*piece != '\0')
        g_ptr_array_add (pieces, g_strdup (piece));
    }
  phrase->n_pieces = pieces->len;
  g_ptr_array_add (pieces, NULL);
  phrase->pieces = (char **) g_ptr_array_free (pieces, FALSE);
  phrase->lengths = g_new (gsize, MAX (phrase->n_pieces, 1));
  for (i = 0; i < phrase->n_pieces; i++)
    phrase->lengths[i] = strlen (phrase->pieces[i]);

  {
    gboolean found = FALSE;

    phrase->key = choose_key (phrase->pieces, &found);
    phrase->has_key = found;
  }
  if ((phrase->word_start || phrase->word_end) &&
      (phrase->n_pieces != 1 || phrase->anchored_start || phrase->anchored_end))
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "Text pattern “%s”: \\b only around a single phrase without * ^ $", pattern);
      _todoke_phrase_free (phrase);
      return NULL;
    }
  if (phrase->n_pieces == 0 || (phrase->n_pieces == 1 && phrase->lengths[0] < 2))
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "Text pattern “%s” is too short", pattern);
      _todoke_phrase_free (phrase);
      return NULL;
    }

  return phrase;
}

void
_todoke_phrase_free (TodokePhrase *phrase)
{
  if (phrase == NULL)
    return;

  g_free (phrase->pattern);
  g_strfreev (phrase->pieces);
  g_free (phrase->lengths);
  g_free (phrase);
}

const char *
_todoke_phrase_get_pattern (const TodokePhrase *phrase)
{
  return phrase->pattern;
}

static gboolean
is_word_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* A single phrase with word boundaries: try each occurrence in turn. */
static gboolean
matches_word (const TodokePhrase *phrase,
              const char         *text,
              gsize               length)
{
  const char *p = text;
  const char *end = text + length;
  gsize n = phrase->lengths[0];
  const char *hit;

  while ((gsize) (end - p) >= n && (hit = memmem (p, end - p, phrase->pieces[0], n)) != NULL)
    {
      gboolean before = !phrase->word_start || hit == text || !is_word_char (hit[-1]);
      gboolean after = !phrase->word_end || hit + n == end || !is_word_char (hit[n]);

      if (before && after)
        return TRUE;
      p = hit + 1;
    }

  return FALSE;
}

gboolean
_todoke_phrase_matches (const TodokePhrase *phrase,
                        const char         *text,
                        gsize               length)
{
  const char *p = text;
  const char *end = text + length;
  guint i;

  if (phrase->word_start || phrase->word_end)
    return matches_word (phrase, text, length);

  for (i = 0; i < phrase->n_pieces; i++)
    {
      const char *hit;

      if ((gsize) (end - p) < phrase->lengths[i])
        return FALSE;
      if (i + 1 == phrase->n_pieces && phrase->anchored_end)
        {
          /* The last piece ends the text, after the pieces before it; with
           * both anchors and one piece, it is the whole text. */
          hit = end - phrase->lengths[i];
          if (i == 0 && phrase->anchored_start && hit != p)
            return FALSE;
          return memcmp (hit, phrase->pieces[i], phrase->lengths[i]) == 0;
        }
      if (i == 0 && phrase->anchored_start)
        hit = memcmp (p, phrase->pieces[0], phrase->lengths[0]) == 0 ? p : NULL;
      else
        hit = memmem (p, end - p, phrase->pieces[i], phrase->lengths[i]);
      if (hit == NULL)
        return FALSE;
      p = hit + phrase->lengths[i];
    }

  return TRUE;
}

/* A status pattern has three dot-separated parts, each digits or "*". */
gboolean
_todoke_status_pattern_is_valid (const char *pattern)
{
  g_auto(GStrv) parts = NULL;
  guint i;

  if (pattern == NULL)
    return FALSE;
  if (strcmp (pattern, "none") == 0)
    return TRUE;
  parts = g_strsplit (pattern, ".", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  for (i = 0; i < 3; i++)
    {
      if (strcmp (parts[i], "*") == 0)
        continue;
      if (parts[i][0] == '\0' || strspn (parts[i], "0123456789") != strlen (parts[i]) ||
          strlen (parts[i]) > 3)
        return FALSE;
    }

  return TRUE;
}

gboolean
_todoke_status_matches (const char *pattern,
                        const char *status)
{
  const char *p = pattern;
  const char *s = status;

  /* "none": the report carries no status code at all */
  if (strcmp (pattern, "none") == 0)
    return status == NULL || *status == '\0';
  if (status == NULL || *status == '\0')
    return FALSE;

  for (;;)
    {
      gsize pl = strcspn (p, ".");
      gsize sl = strcspn (s, ".");

      if (!(pl == 1 && *p == '*') && (pl != sl || memcmp (p, s, pl) != 0))
        return FALSE;
      p += pl;
      s += sl;
      if (*p == '\0' || *s == '\0')
        return *p == '\0' && *s == '\0';
      p++;
      s++;
    }
}

gboolean
_todoke_reply_pattern_is_valid (const char *pattern)
{
  guint i;

  if (g_strcmp0 (pattern, "none") == 0)
    return TRUE;
  if (pattern == NULL || strlen (pattern) != 3 || (pattern[0] < '2' || pattern[0] > '5'))
    return FALSE;
  for (i = 1; i < 3; i++)
    if (!g_ascii_isdigit (pattern[i]) && pattern[i] != 'x')
      return FALSE;

  return TRUE;
}

gboolean
_todoke_reply_matches (const char *pattern,
                       guint       code)
{
  char digits[4];
  guint i;

  /* "none": the report carries no reply code at all */
  if (strcmp (pattern, "none") == 0)
    return code == 0;
  if (code < 200 || code > 599)
    return FALSE;
  g_snprintf (digits, sizeof digits, "%u", code);
  for (i = 0; i < 3; i++)
    if (pattern[i] != 'x' && pattern[i] != digits[i])
      return FALSE;

  return TRUE;
}
