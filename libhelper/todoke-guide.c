/* todoke-guide.c: localized guides, read from the merged guides file
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-guide-private.h"
#include "todoke-rule-set.h"

/* ---- the book: every guide in every language ---------------------------- */

typedef struct
{
  char      *source;        /* English, the msgid */
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
  GPtrArray     *step_lists; /* TextList */
  GPtrArray     *notes;      /* TextList of one item each */
} GuideEntry;

struct _TodokeGuideBook
{
  GHashTable *entries;      /* interned reason -> GuideEntry */
  GHashTable *texts;        /* interned id -> LocalizedText: labels shared by all guides */
  GPtrArray  *languages;    /* translated languages seen, NULL-terminated */
};

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

  text->source = g_strdup (source);
  text->languages = g_ptr_array_new_with_free_func (g_free);
  text->translations = g_ptr_array_new_with_free_func (g_free);

  return text;
}

static const char *
localized_text_get (LocalizedText *text,
                    const char    *language)
{
  guint i;

  if (text == NULL)
    return NULL;
  for (i = 0; language != NULL && i < text->languages->len; i++)
    if (strcmp (g_ptr_array_index (text->languages, i), language) == 0)
      return g_ptr_array_index (text->translations, i);

  return text->source;
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

typedef struct
{
  TodokeGuideBook *book;
  GuideEntry      *entry;
  TextList        *list;
  LocalizedText   *last;          /* the source element a translation attaches to */
  char            *last_element;
  char            *language;      /* xml:lang of the open element */
  char            *text_id;       /* id of an open top-level <text> */
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
      g_free (parser->text_id);
      parser->text_id = g_strdup (find_attribute (names, values, "id"));
      if (parser->text_id == NULL)
        g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA, "<text> without id");
    }
  else if (strcmp (element, "guide") == 0)
    {
      const char *reason = find_attribute (names, values, "reason");

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
attach (BookParser    *parser,
        const char    *element,
        LocalizedText *source,
        const char    *value)
{
  if (parser->language != NULL)
    {
      if (source != NULL && g_strcmp0 (parser->last_element, element) == 0)
        {
          g_ptr_array_add (source->languages, g_strdup (parser->language));
          g_ptr_array_add (source->translations, g_strdup (value));
          add_language (parser->book, parser->language);
        }
      return;
    }
}

static void
book_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  BookParser *parser = user_data;
  g_autofree char *value = g_strstrip (g_strdup (parser->text->str));
  GuideEntry *entry = parser->entry;
  LocalizedText **slot = NULL;

  g_string_truncate (parser->text, 0);

  if (entry == NULL && strcmp (element, "text") == 0 && parser->text_id != NULL)
    {
      const char *id = g_intern_string (parser->text_id);
      LocalizedText *known = g_hash_table_lookup (parser->book->texts, id);

      if (parser->language == NULL)
        {
          if (known != NULL)
            g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                         "a second <text> “%s”", parser->text_id);
          else
            g_hash_table_insert (parser->book->texts, (gpointer) id, localized_text_new (value));
        }
      else if (known != NULL)
        {
          g_ptr_array_add (known->languages, g_strdup (parser->language));
          g_ptr_array_add (known->translations, g_strdup (value));
          add_language (parser->book, parser->language);
        }
      g_clear_pointer (&parser->text_id, g_free);
      return;
    }
  if (entry == NULL)
    return;
  if (strcmp (element, "guide") == 0)
    {
      parser->entry = NULL;
      return;
    }
  if (strcmp (element, "steps") == 0)
    {
      parser->list = NULL;
      return;
    }

  if (strcmp (element, "title") == 0)
    slot = &entry->title;
  else if (strcmp (element, "explanation") == 0)
    slot = &entry->explanation;

  if (parser->language != NULL)
    {
      attach (parser, element, parser->last, value);
      if (strcmp (element, "note") == 0)
        parser->list = NULL;
      return;
    }

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

/* ---- TodokeGuide: one guide in one language ----------------------------- */

struct _TodokeGuide
{
  const char *reason;
  char       *language;
  char       *title;
  char       *explanation;
  GStrv       steps;
  GStrv       notes;
};

G_DEFINE_BOXED_TYPE (TodokeGuide, todoke_guide, todoke_guide_ref, todoke_guide_unref)

static void
guide_free (TodokeGuide *self)
{
  g_free (self->language);
  g_free (self->title);
  g_free (self->explanation);
  g_strfreev (self->steps);
  g_strfreev (self->notes);
}

/**
 * todoke_guide_ref:
 * @self: a #TodokeGuide
 *
 * Returns: (transfer full): @self
 */
TodokeGuide *
todoke_guide_ref (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

/**
 * todoke_guide_unref:
 * @self: (transfer full): a #TodokeGuide
 *
 * Drops a reference.
 */
void
todoke_guide_unref (TodokeGuide *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) guide_free);
}

static GStrv
pick_list (GPtrArray  *lists,
           const char *language,
           const char *client,
           const char *provider,
           gboolean    notes)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  TextList *chosen = NULL;
  GStrv result;
  guint i, j;

  for (i = 0; i < lists->len; i++)
    {
      TextList *list = g_ptr_array_index (lists, i);
      gboolean client_ok = list->client == NULL || g_strcmp0 (list->client, client) == 0;
      gboolean provider_ok = list->provider == NULL || g_strcmp0 (list->provider, provider) == 0;

      if (!client_ok || !provider_ok)
        continue;
      if (notes)
        {
          for (j = 0; j < list->items->len; j++)
            g_strv_builder_add (builder, localized_text_get (g_ptr_array_index (list->items, j), language));
          continue;
        }
      /* The most specific list wins: provider, then client, then the default. */
      if (chosen == NULL ||
          (list->provider != NULL && chosen->provider == NULL) ||
          (list->client != NULL && chosen->client == NULL && chosen->provider == NULL))
        chosen = list;
    }

  for (i = 0; chosen != NULL && i < chosen->items->len; i++)
    g_strv_builder_add (builder, localized_text_get (g_ptr_array_index (chosen->items, i), language));

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}

TodokeGuide *
_todoke_guide_book_lookup (TodokeGuideBook *book,
                           const char      *reason,
                           const char      *language,
                           const char      *client,
                           const char      *provider)
{
  GuideEntry *entry;
  TodokeGuide *self;
  g_autofree char *resolved = NULL;

  if (reason == NULL || (entry = g_hash_table_lookup (book->entries, g_intern_string (reason))) == NULL)
    return NULL;

  resolved = _todoke_language_resolve (_todoke_guide_book_get_languages (book), language);
  self = g_atomic_rc_box_new0 (TodokeGuide);
  self->reason = entry->reason;
  self->language = g_strdup (resolved != NULL ? resolved : "en");
  self->title = g_strdup (localized_text_get (entry->title, resolved));
  self->explanation = g_strdup (localized_text_get (entry->explanation, resolved));
  self->steps = pick_list (entry->step_lists, resolved, client, provider, FALSE);
  self->notes = pick_list (entry->notes, resolved, client, provider, TRUE);

  return self;
}

/**
 * todoke_rule_set_lookup_guide:
 * @rules: a #TodokeRuleSet
 * @reason: a reason id, such as `userunknown` or `filtered_jp_carrier`
 * @language: (nullable): a language such as `ja`, `ja_JP.UTF-8` or `en-US`;
 *   %NULL uses the process's languages
 * @client: (nullable): the mail client, such as `thunderbird` or `outlook`
 * @provider: (nullable): the provider id, such as `gmail` or `docomo`
 *
 * Finds the guide for a reason in the language asked for, each text
 * falling back to English where it has no translation.
 *
 * Returns: (transfer full) (nullable): the guide, or %NULL if the reason has none
 */
TodokeGuide *
todoke_rule_set_lookup_guide (TodokeRuleSet *rules,
                              const char    *reason,
                              const char    *language,
                              const char    *client,
                              const char    *provider)
{
  g_return_val_if_fail (rules != NULL, NULL);

  return _todoke_guide_book_lookup (_todoke_rule_set_get_guide_book (rules),
                                    reason, language, client, provider);
}

/**
 * todoke_guide_get_reason:
 * @self: a #TodokeGuide
 *
 * Returns: the reason id the guide is for
 */
const char *
todoke_guide_get_reason (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reason;
}

/**
 * todoke_guide_get_language:
 * @self: a #TodokeGuide
 *
 * Returns: the language the guide was found in (`en` when untranslated)
 */
const char *
todoke_guide_get_language (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

/**
 * todoke_guide_get_title:
 * @self: a #TodokeGuide
 *
 * Returns: (nullable): what happened, in one line
 */
const char *
todoke_guide_get_title (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

/**
 * todoke_guide_get_explanation:
 * @self: a #TodokeGuide
 *
 * Returns: (nullable): why it happens, in a few sentences
 */
const char *
todoke_guide_get_explanation (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->explanation;
}

/**
 * todoke_guide_get_steps:
 * @self: a #TodokeGuide
 *
 * Returns: (transfer none) (array zero-terminated=1): the numbered steps, most likely fix first
 */
const char * const *
todoke_guide_get_steps (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->steps;
}

/**
 * todoke_guide_get_notes:
 * @self: a #TodokeGuide
 *
 * Returns: (transfer none) (array zero-terminated=1): notes for the provider or client
 */
const char * const *
todoke_guide_get_notes (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->notes;
}

/**
 * todoke_rule_set_lookup_text:
 * @rules: a #TodokeRuleSet
 * @id: a label id from the guides file, such as `steps` or `owner-sender`
 * @language: (nullable): the language, as for todoke_rule_set_lookup_guide()
 *
 * Looks up one of the short labels every guide shares ("What to do",
 * "Who has to act: you"), so that a program can show a guide in a language
 * other than its own.
 *
 * Returns: (nullable): the label, or %NULL if there is no such label
 */
const char *
todoke_rule_set_lookup_text (TodokeRuleSet *rules,
                             const char    *id,
                             const char    *language)
{
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _todoke_guide_book_get_text (_todoke_rule_set_get_guide_book (rules), id, language);
}
