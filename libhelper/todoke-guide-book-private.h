/* todoke-guide-book-private.h: what the guide book holds, shared by its parser and its queries
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-guide-private.h"

G_BEGIN_DECLS

/* The merged file (data/guides/todoke-guides.xml.in + po/ at build time) has
 * each translatable element in English, followed by copies with xml:lang:
 *
 *   <step>Send the message again.</step>
 *   <step xml:lang="ja">もう一度送信してください。</step>
 *
 * A translation attaches to the English element just before it. */

typedef struct
{
  char      *source;        /* English, the msgid, whitespace collapsed */
  GPtrArray *languages;     /* (element-type utf8) */
  GPtrArray *translations;  /* (element-type utf8), parallel to languages */
} LocalizedText;

typedef struct
{
  char      *client;        /* nullable */
  char      *provider;      /* nullable */
  GPtrArray *items;         /* LocalizedText */
} TextList;

typedef struct
{
  const char    *reason;    /* interned */
  LocalizedText *title;
  LocalizedText *explanation;
  LocalizedText *retry;      /* nullable: replaces the generic retry label */
  GPtrArray     *step_lists; /* TextList */
  GPtrArray     *notes;      /* TextList of one item each */
} GuideEntry;

struct _TodokeGuideBook
{
  GHashTable *entries;      /* interned reason -> GuideEntry */
  GHashTable *texts;        /* interned id -> LocalizedText: labels shared by all guides */
  GPtrArray  *languages;    /* translated languages seen, NULL-terminated */
};

LocalizedText *_todoke_localized_text_new       (const char      *source);
void           _todoke_localized_text_free      (LocalizedText   *text);
void           _todoke_localized_text_translate (TodokeGuideBook *book,
                                                 LocalizedText   *text,
                                                 const char      *language,
                                                 const char      *value);
void           _todoke_text_list_free           (TextList        *list);
void           _todoke_guide_entry_free         (GuideEntry      *entry);

G_END_DECLS
