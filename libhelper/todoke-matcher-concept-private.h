/* todoke-matcher-concept-private.h: word classes met within one clause
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-matcher-private.h"

G_BEGIN_DECLS

/* A word class: the words servers use for one idea ("recipient": user,
 * mailbox, addressee, 宛先…; "not found": unknown, no such, does not
 * exist, 存在しません…), written once in the rules data. */
typedef struct _TodokeWordClass TodokeWordClass;

/* A concept: word classes that must all occur within one clause of the
 * text, and classes that must not occur in that clause. */
typedef struct _TodokeConcept TodokeConcept;

#define TODOKE_MAX_CLAUSES 48

/* Where the clauses of a normalized text begin and end: a sentence, or a
 * part of one after ": " or ";". Filled once per text, never stored. */
typedef struct
{
  guint   n_clauses;
  guint32 starts[TODOKE_MAX_CLAUSES];
  guint32 ends[TODOKE_MAX_CLAUSES];
} TodokeClauses;

TodokeWordClass *_todoke_word_class_new        (const char              *id,
                                                const char              *source);
void             _todoke_word_class_free       (TodokeWordClass         *word_class);
gboolean         _todoke_word_class_add        (TodokeWordClass         *word_class,
                                                const char              *word,
                                                GError                 **error);
const char      *_todoke_word_class_get_id     (const TodokeWordClass   *word_class);
const char      *_todoke_word_class_get_source (const TodokeWordClass   *word_class);
guint            _todoke_word_class_get_size   (const TodokeWordClass   *word_class);

TodokeConcept   *_todoke_concept_new           (const char              *pattern,
                                                GHashTable              *classes,
                                                GError                 **error);
void             _todoke_concept_free          (TodokeConcept           *concept);
const char      *_todoke_concept_get_pattern   (const TodokeConcept     *concept);
gboolean         _todoke_concept_matches       (const TodokeConcept     *concept,
                                                const char              *text,
                                                const TodokeClauses     *clauses,
                                                const TodokeBigrams     *bigrams);

void             _todoke_clauses_fill          (TodokeClauses           *clauses,
                                                const char              *text,
                                                gsize                    length);

G_END_DECLS
