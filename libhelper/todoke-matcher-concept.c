/* todoke-matcher-concept.c: word classes met within one clause
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Servers say one thing in many ways: "User unknown", "no such user",
 * "The email account that you tried to reach does not exist", "宛先の
 * ユーザは存在しません". A concept names word classes (a recipient noun, a
 * not-found predicate) that must meet in one clause, so one line of rule
 * data covers the wordings of every MTA instead of one sentence each.
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-matcher-concept-private.h"

#define MAX_CONCEPT_CLASSES 6

struct _TodokeWordClass
{
  const char *id;      /* interned */
  char       *source;
  GPtrArray  *words;   /* TodokePhrase */
};

struct _TodokeConcept
{
  char                  *pattern;
  const TodokeWordClass *wanted[MAX_CONCEPT_CLASSES];
  guint                  n_wanted;
  const TodokeWordClass *unwanted[MAX_CONCEPT_CLASSES];
  guint                  n_unwanted;
};

TodokeWordClass *
_todoke_word_class_new (const char *id,
                        const char *source)
{
  TodokeWordClass *word_class = g_new0 (TodokeWordClass, 1);

  word_class->id = g_intern_string (id);
  word_class->source = g_strdup (source);
  word_class->words = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_phrase_free);

  return word_class;
}

void
_todoke_word_class_free (TodokeWordClass *word_class)
{
  if (word_class == NULL)
    return;

  g_ptr_array_unref (word_class->words);
  g_free (word_class->source);
  g_free (word_class);
}

/* A word that starts with an ASCII letter or digit must start a word of
 * the text too: "rate" is not found in "separate". Japanese words are
 * found anywhere. */
gboolean
_todoke_word_class_add (TodokeWordClass  *word_class,
                        const char       *word,
                        GError          **error)
{
  g_autofree char *pattern = NULL;
  TodokePhrase *phrase;

  if (strpbrk (word, "*^$") != NULL)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "word “%s” of class “%s”: a word takes no * ^ $", word, word_class->id);
      return FALSE;
    }
  if (g_ascii_isalnum (word[0]))
    pattern = g_strconcat ("\\b", word, NULL);
  else
    pattern = g_strdup (word);
  if ((phrase = _todoke_phrase_new (pattern, error)) == NULL)
    return FALSE;
  g_ptr_array_add (word_class->words, phrase);

  return TRUE;
}

const char *
_todoke_word_class_get_id (const TodokeWordClass *word_class)
{
  return word_class->id;
}

const char *
_todoke_word_class_get_source (const TodokeWordClass *word_class)
{
  return word_class->source;
}

guint
_todoke_word_class_get_size (const TodokeWordClass *word_class)
{
  return word_class->words->len;
}

/* "recipient not-found -sender": classes to meet, "-" for classes that
 * must stay out of the clause. */
TodokeConcept *
_todoke_concept_new (const char  *pattern,
                     GHashTable  *classes,
                     GError     **error)
{
  g_auto(GStrv) names = g_strsplit (pattern, " ", -1);
  TodokeConcept *concept = g_new0 (TodokeConcept, 1);
  guint i;

  concept->pattern = g_strdup (pattern);
  for (i = 0; names[i] != NULL; i++)
    {
      gboolean negated = names[i][0] == '-';
      const char *name = negated ? names[i] + 1 : names[i];
      const TodokeWordClass *found;

      if (*name == '\0')
        continue;
      found = g_hash_table_lookup (classes, g_intern_string (name));
      if (found == NULL ||
          (negated ? concept->n_unwanted : concept->n_wanted) == MAX_CONCEPT_CLASSES)
        {
          g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                       "concept “%s”: %s “%s”", pattern,
                       found == NULL ? "undeclared word class" : "too many classes", name);
          _todoke_concept_free (concept);
          return NULL;
        }
      if (negated)
        concept->unwanted[concept->n_unwanted++] = found;
      else
        concept->wanted[concept->n_wanted++] = found;
    }
  if (concept->n_wanted < 2)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "concept “%s” needs at least two word classes to meet", pattern);
      _todoke_concept_free (concept);
      return NULL;
    }

  return concept;
}

void
_todoke_concept_free (TodokeConcept *concept)
{
  if (concept == NULL)
    return;

  g_free (concept->pattern);
  g_free (concept);
}

const char *
_todoke_concept_get_pattern (const TodokeConcept *concept)
{
  return concept->pattern;
}

/* Whether a word of the class occurs anywhere: most texts rule a class
 * out with bigram tests alone. */
static gboolean
class_may_occur (const TodokeWordClass *word_class,
                 const TodokeBigrams   *bigrams)
{
  guint i;

  for (i = 0; i < word_class->words->len; i++)
    if (_todoke_phrase_may_occur (g_ptr_array_index (word_class->words, i), bigrams))
      return TRUE;

  return FALSE;
}

static gboolean
class_occurs (const TodokeWordClass *word_class,
              const char            *clause,
              gsize                  length,
              const TodokeBigrams   *bigrams)
{
  guint i;

  for (i = 0; i < word_class->words->len; i++)
    {
      const TodokePhrase *word = g_ptr_array_index (word_class->words, i);

      if (_todoke_phrase_may_occur (word, bigrams) && _todoke_phrase_matches (word, clause, length))
        return TRUE;
    }

  return FALSE;
}

static gboolean
clause_holds (const TodokeConcept *concept,
              const char          *clause,
              gsize                length,
              const TodokeBigrams *bigrams)
{
  guint i;

  for (i = 0; i < concept->n_wanted; i++)
    if (!class_occurs (concept->wanted[i], clause, length, bigrams))
      return FALSE;
  for (i = 0; i < concept->n_unwanted; i++)
    if (class_occurs (concept->unwanted[i], clause, length, bigrams))
      return FALSE;

  return TRUE;
}

gboolean
_todoke_concept_matches (const TodokeConcept *concept,
                         const char          *text,
                         const TodokeClauses *clauses,
                         const TodokeBigrams *bigrams)
{
  guint i;

  for (i = 0; i < concept->n_wanted; i++)
    if (!class_may_occur (concept->wanted[i], bigrams))
      return FALSE;

  for (i = 0; i < clauses->n_clauses; i++)
    if (clause_holds (concept, text + clauses->starts[i],
                      clauses->ends[i] - clauses->starts[i], bigrams))
      return TRUE;

  return FALSE;
}

/* The length of a clause separator at @p, or 0: ". " and a final ".",
 * "; ", ": ", "!", "?", and the Japanese full stops. */
static gsize
separator_at (const char *p,
              const char *end)
{
  switch (*p)
    {
    case '.':
    case ':':
      return p + 1 == end || p[1] == ' ' ? 1 : 0;
    case ';':
    case '!':
    case '?':
      return 1;
    case '\xe3':
      /* 。 U+3002 */
      return p + 2 < end && p[1] == '\x80' && p[2] == '\x82' ? 3 : 0;
    case '\xef':
      /* ！ U+FF01, ． U+FF0E, ？ U+FF1F */
      return p + 2 < end && p[1] == '\xbc' && (p[2] == '\x81' || p[2] == '\x8e' || p[2] == '\x9f') ? 3 : 0;
    default:
      return 0;
    }
}

void
_todoke_clauses_fill (TodokeClauses *clauses,
                      const char    *text,
                      gsize          length)
{
  const char *end = text + MIN (length, G_MAXUINT32);
  const char *start = text;
  const char *p;

  clauses->n_clauses = 0;
  for (p = text; p < end; p++)
    {
      gsize skip = separator_at (p, end);

      if (skip == 0)
        continue;
      if (p > start && clauses->n_clauses + 1 < TODOKE_MAX_CLAUSES)
        {
          clauses->starts[clauses->n_clauses] = start - text;
          clauses->ends[clauses->n_clauses] = p - text;
          clauses->n_clauses++;
        }
      else if (p > start)
        break;  /* the last slot takes the rest of the text */
      start = p + skip;
      p = start - 1;
    }
  if (end > start)
    {
      clauses->starts[clauses->n_clauses] = start - text;
      clauses->ends[clauses->n_clauses] = end - text;
      clauses->n_clauses++;
    }
}
