/* todoke-guide-book.c: every guide in every language, read from the merged guides file
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-guide-private.h"

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

static void
localized_text_free (LocalizedText *text)
{
  g_free (text->source);
  g_ptr_array_unref (text->languages);
  g_ptr_array_unref (text->translations);
  g_free (text);
}

static LocalizedText *
localized_text_new (const char *source)
{
  LocalizedText *text = g_new0 (LocalizedText, 1);

  text->source = collapse_space (source);
  text->languages = g_ptr_array_new_with_free_func (g_free);
  text->translations = g_ptr_array_new_with_free_func (g_free);

  return text;
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

static void
text_list_free (TextList *list)
{
  g_free (list->client);
  g_free (list->provider);
  g_ptr_array_unref (list->items);
  g_free (list);
}

static void
guide_entry_free (GuideEntry *entry)
{
  g_clear_pointer (&entry->title, localized_text_free);
  g_clear_pointer (&entry->explanation, localized_text_free);
  g_clear_pointer (&entry->retry, localized_text_free);
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

/* ---- parsing ------------------------------------------------------------ */

typedef struct
{
  TodokeGuideBook *book;
  GuideEntry      *entry;
  TextList        *list;
  LocalizedText   *last;          /* the source element a translation attaches to */
  char            *last_element;
  char            *language;      /* xml:lang of the open element */
  char            *text_id;       /* id of the last top-level <text> */
  GString         *text;
} BookParser;

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

static void
add_translation (TodokeGuideBook *book,
                 LocalizedText   *text,
                 const char      *language,
                 const char      *value)
{
  g_ptr_array_add (text->languages, g_strdup (language));
  g_ptr_array_add (text->translations, collapse_space (value));
  add_language (book, language);
}

static const char *
find_attribute (const char **names,
                const char **values,
                const char  *name)
{
  guint i;

  for (i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];

  return NULL;
}

static void
start_guide (BookParser  *parser,
             const char  *reason,
             GError     **error)
{
  if (reason == NULL || g_hash_table_contains (parser->book->entries, g_intern_string (reason)))
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "guide without reason, or a second guide for “%s”", reason);
      return;
    }
  parser->entry = g_new0 (GuideEntry, 1);
  parser->entry->reason = g_intern_string (reason);
  parser->entry->step_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) text_list_free);
  parser->entry->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) text_list_free);
  g_hash_table_insert (parser->book->entries, (gpointer) parser->entry->reason, parser->entry);
}

static void
book_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  BookParser *parser = user_data;
  const char *lang = find_attribute (names, values, "xml:lang");

  g_string_truncate (parser->text, 0);
  g_clear_pointer (&parser->language, g_free);
  parser->language = g_strdup (lang);

  if (strcmp (element, "text") == 0 && parser->entry == NULL)
    {
      /* Translated copies lose the id: they belong to the label before them. */
      if (lang == NULL)
        {
          g_free (parser->text_id);
          parser->text_id = g_strdup (find_attribute (names, values, "id"));
          parser->last = NULL;
        }
      if (parser->text_id == NULL && lang == NULL)
        g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA, "<text> without id");
    }
  else if (strcmp (element, "guide") == 0)
    start_guide (parser, find_attribute (names, values, "reason"), error);
  else if ((strcmp (element, "steps") == 0 || strcmp (element, "note") == 0) &&
           parser->entry != NULL && lang == NULL)
    {
      TextList *list = g_new0 (TextList, 1);

      list->client = g_strdup (find_attribute (names, values, "client"));
      list->provider = g_strdup (find_attribute (names, values, "provider"));
      list->items = g_ptr_array_new_with_free_func ((GDestroyNotify) localized_text_free);
      g_ptr_array_add (element[0] == 's' ? parser->entry->step_lists : parser->entry->notes, list);
      parser->list = list;
    }
}

static void
end_text (BookParser  *parser,
          const char  *value,
          GError     **error)
{
  const char *id;

  if (parser->language != NULL)
    {
      if (parser->last != NULL && g_strcmp0 (parser->last_element, "text") == 0)
        add_translation (parser->book, parser->last, parser->language, value);
      return;
    }

  id = g_intern_string (parser->text_id);
  if (g_hash_table_contains (parser->book->texts, id))
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "a second <text> “%s”", parser->text_id);
      return;
    }
  parser->last = localized_text_new (value);
  g_hash_table_insert (parser->book->texts, (gpointer) id, parser->last);
  g_free (parser->last_element);
  parser->last_element = g_strdup ("text");
}

static void
book_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  BookParser *parser = user_data;
  g_autofree char *value = g_strdup (parser->text->str);
  GuideEntry *entry = parser->entry;
  LocalizedText **slot = NULL;

  g_string_truncate (parser->text, 0);

  if (entry == NULL && strcmp (element, "text") == 0 && parser->text_id != NULL)
    {
      end_text (parser, value, error);
      return;
    }
  if (entry == NULL)
    return;
  if (strcmp (element, "guide") == 0 || strcmp (element, "steps") == 0)
    {
      if (element[0] == 'g')
        parser->entry = NULL;
      parser->list = NULL;
      return;
    }

  if (parser->language != NULL)
    {
      /* A translation of the element just before, if it is the same kind. */
      if (parser->last != NULL && g_strcmp0 (parser->last_element, element) == 0)
        add_translation (parser->book, parser->last, parser->language, value);
      if (strcmp (element, "note") == 0)
        parser->list = NULL;
      return;
    }

  if (strcmp (element, "title") == 0)
    slot = &entry->title;
  else if (strcmp (element, "explanation") == 0)
    slot = &entry->explanation;
  else if (strcmp (element, "retry") == 0)
    slot = &entry->retry;

  if (slot != NULL)
    {
      g_clear_pointer (slot, localized_text_free);
      *slot = localized_text_new (value);
      parser->last = *slot;
    }
  else if ((strcmp (element, "step") == 0 || strcmp (element, "note") == 0) && parser->list != NULL)
    {
      parser->last = localized_text_new (value);
      g_ptr_array_add (parser->list->items, parser->last);
    }
  else
    parser->last = NULL;

  g_free (parser->last_element);
  parser->last_element = g_strdup (element);
}

static void
book_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  BookParser *parser = user_data;

  g_string_append_len (parser->text, text, length);
}

static const GMarkupParser book_parser = { book_start, book_end, book_text, NULL, NULL };

TodokeGuideBook *
_todoke_guide_book_new (GBytes  *merged_xml,
                        GError **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  TodokeGuideBook *book = g_new0 (TodokeGuideBook, 1);
  BookParser parser = { book, NULL, NULL, NULL, NULL, NULL, NULL, text };
  const char *data;
  gsize size = 0;
  gboolean ok;

  book->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) guide_entry_free);
  book->texts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) localized_text_free);
  book->languages = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (book->languages, NULL);
  if (merged_xml == NULL)
    return book;

  data = g_bytes_get_data (merged_xml, &size);
  context = g_markup_parse_context_new (&book_parser, G_MARKUP_PREFIX_ERROR_POSITION, &parser, NULL);
  ok = g_markup_parse_context_parse (context, data, size, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_free (parser.last_element);
  g_free (parser.language);
  g_free (parser.text_id);
  if (!ok)
    {
      _todoke_guide_book_free (book);
      return NULL;
    }

  return book;
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
