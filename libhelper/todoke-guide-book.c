/* todoke-guide-book.c: every guide in every language, and choosing one
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-guide-book-private.h"

/* Collapses runs of white space into one space and trims the ends, as the
 * ITS rules (and so xgettext) do for the msgids. */
static char *
collapse_space (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean pending = FALSE;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending = out->len > 0;
          continue;
        }
      if (pending)
        g_string_append_c (out, ' ');
      pending = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

void
_todoke_localized_text_free (LocalizedText *text)
{
  g_free (text->source);
  g_ptr_array_unref (text->languages);
  g_ptr_array_unref (text->translations);
  g_free (text);
}

LocalizedText *
_todoke_localized_text_new (const char *source)
{
  LocalizedText *text = g_new0 (LocalizedText, 1);

  text->source = collapse_space (source);
  text->languages = g_ptr_array_new_with_free_func (g_free);
  text->translations = g_ptr_array_new_with_free_func (g_free);

  return text;
}

static void
add_language (TodokeGuideBook *book,
              const char      *language)
{
  guint i;

  for (i = 0; i + 1 < book->languages->len; i++)
    if (strcmp (g_ptr_array_index (book->languages, i), language) == 0)
      return;
  g_ptr_array_insert (book->languages, book->languages->len - 1, g_strdup (language));
}

/* Attaches the translation of @text into @language. */
void
_todoke_localized_text_translate (TodokeGuideBook *book,
                                  LocalizedText   *text,
                                  const char      *language,
                                  const char      *value)
{
  g_ptr_array_add (text->languages, g_strdup (language));
  g_ptr_array_add (text->translations, collapse_space (value));
  add_language (book, language);
}

static const char *
localized_text_find (LocalizedText *text,
                     const char    *language)
{
  guint i;

  for (i = 0; language != NULL && i < text->languages->len; i++)
    if (strcmp (g_ptr_array_index (text->languages, i), language) == 0)
      return g_ptr_array_index (text->translations, i);

  return NULL;
}

/* The text in @language, or English when it has no translation. */
static const char *
localized_text_get (LocalizedText *text,
                    const char    *language)
{
  const char *found;

  if (text == NULL)
    return NULL;
  found = localized_text_find (text, language);

  return found != NULL ? found : text->source;
}

void
_todoke_text_list_free (TextList *list)
{
  g_free (list->client);
  g_free (list->provider);
  g_ptr_array_unref (list->items);
  g_free (list);
}

void
_todoke_guide_entry_free (GuideEntry *entry)
{
  g_clear_pointer (&entry->title, _todoke_localized_text_free);
  g_clear_pointer (&entry->explanation, _todoke_localized_text_free);
  g_clear_pointer (&entry->retry, _todoke_localized_text_free);
  g_ptr_array_unref (entry->step_lists);
  g_ptr_array_unref (entry->notes);
  g_free (entry);
}

void
_todoke_guide_book_free (TodokeGuideBook *book)
{
  if (book == NULL)
    return;

  g_hash_table_unref (book->entries);
  g_hash_table_unref (book->texts);
  g_ptr_array_unref (book->languages);
  g_free (book);
}

/* ---- queries ------------------------------------------------------------ */

/* A shared label ("steps", "owner-sender", …) in @language, or NULL. */
const char *
_todoke_guide_book_get_text (TodokeGuideBook *book,
                             const char      *id,
                             const char      *language)
{
  g_autofree char *resolved = _todoke_language_resolve (_todoke_guide_book_get_languages (book), language);

  return localized_text_get (g_hash_table_lookup (book->texts, g_intern_string (id)), resolved);
}

gboolean
_todoke_guide_book_has_guide (TodokeGuideBook *book,
                              const char      *reason)
{
  return reason != NULL && g_hash_table_contains (book->entries, g_intern_string (reason));
}

const char * const *
_todoke_guide_book_get_languages (TodokeGuideBook *book)
{
  return (const char * const *) book->languages->pdata;
}

/* 2 for a provider, 1 for a client: the most specific list wins. */
static int
specificity (TextList *list)
{
  return (list->provider != NULL ? 2 : 0) + (list->client != NULL ? 1 : 0);
}

static gboolean
text_list_applies (TextList   *list,
                   const char *client,
                   const char *provider)
{
  return (list->client == NULL || g_strcmp0 (list->client, client) == 0) &&
         (list->provider == NULL || g_strcmp0 (list->provider, provider) == 0);
}

static void
add_items (GStrvBuilder *builder,
           TextList     *list,
           const char   *language)
{
  guint i;

  for (i = 0; i < list->items->len; i++)
    g_strv_builder_add (builder, localized_text_get (g_ptr_array_index (list->items, i), language));
}

/* Steps: the single most specific list that applies. Notes: every note that applies. */
static GStrv
pick_texts (GPtrArray  *lists,
            const char *language,
            const char *client,
            const char *provider,
            gboolean    all)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  TextList *chosen = NULL;
  guint i;

  for (i = 0; i < lists->len; i++)
    {
      TextList *list = g_ptr_array_index (lists, i);

      if (!text_list_applies (list, client, provider))
        continue;
      if (all)
        add_items (builder, list, language);
      else if (chosen == NULL || specificity (list) > specificity (chosen))
        chosen = list;
    }
  if (chosen != NULL)
    add_items (builder, chosen, language);

  return g_strv_builder_end (builder);
}

TodokeGuide *
_todoke_guide_book_lookup (TodokeGuideBook *book,
                           const char      *reason,
                           const char      *language,
                           const char      *client,
                           const char      *provider)
{
  GuideEntry *entry;
  g_autofree char *resolved = NULL;

  if (reason == NULL || (entry = g_hash_table_lookup (book->entries, g_intern_string (reason))) == NULL)
    return NULL;

  resolved = _todoke_language_resolve (_todoke_guide_book_get_languages (book), language);

  return _todoke_guide_new (entry->reason,
                            resolved != NULL ? resolved : "en",
                            localized_text_get (entry->title, resolved),
                            localized_text_get (entry->explanation, resolved),
                            localized_text_get (entry->retry, resolved),
                            pick_texts (entry->step_lists, resolved, client, provider, FALSE),
                            pick_texts (entry->notes, resolved, client, provider, TRUE));
}

static void
collect_untranslated (GStrvBuilder  *builder,
                      LocalizedText *text,
                      const char    *language)
{
  if (text != NULL && localized_text_find (text, language) == NULL)
    g_strv_builder_add (builder, text->source);
}

static void
collect_lists (GStrvBuilder *builder,
               GPtrArray    *lists,
               const char   *language)
{
  guint i, j;

  for (i = 0; i < lists->len; i++)
    {
      TextList *list = g_ptr_array_index (lists, i);

      for (j = 0; j < list->items->len; j++)
        collect_untranslated (builder, g_ptr_array_index (list->items, j), language);
    }
}

/* Every English text (labels, titles, explanations, steps of every variant,
 * notes) that has no translation into @language: what a translator still owes. */
GStrv
_todoke_guide_book_dup_untranslated (TodokeGuideBook *book,
                                     const char      *language)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, book->texts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    collect_untranslated (builder, value, language);

  g_hash_table_iter_init (&iter, book->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GuideEntry *entry = value;

      collect_untranslated (builder, entry->title, language);
      collect_untranslated (builder, entry->explanation, language);
      collect_untranslated (builder, entry->retry, language);
      collect_lists (builder, entry->step_lists, language);
      collect_lists (builder, entry->notes, language);
    }

  return g_strv_builder_end (builder);
}

/* "ja_JP.UTF-8", "ja-JP", "ja" -> "ja" if guides exist in Japanese; NULL
 * (English, the source language) otherwise. NULL asks the environment. */
char *
_todoke_language_resolve (const char * const *available,
                          const char         *requested)
{
  const char * const *wanted;
  g_auto(GStrv) variants = NULL;
  g_autofree char *normal = NULL;
  guint i, j;

  if (requested == NULL)
    wanted = g_get_language_names ();
  else
    {
      normal = g_strdelimit (g_strdup (requested), "-", '_');
      variants = g_get_locale_variants (normal);
      wanted = (const char * const *) variants;
    }

  for (i = 0; wanted[i] != NULL; i++)
    {
      if (g_str_has_prefix (wanted[i], "en") || strcmp (wanted[i], "C") == 0)
        return NULL;
      for (j = 0; available[j] != NULL; j++)
        if (strcmp (wanted[i], available[j]) == 0)
          return g_strdup (available[j]);
    }

  return NULL;
}
