/* todoke-guide-book-parser.c: reading the merged guides file into a guide book
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-guide-book-private.h"

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
  parser->entry->step_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_text_list_free);
  parser->entry->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_text_list_free);
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
      list->items = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_localized_text_free);
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
        _todoke_localized_text_translate (parser->book, parser->last, parser->language, value);
      return;
    }

  id = g_intern_string (parser->text_id);
  if (g_hash_table_contains (parser->book->texts, id))
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                   "a second <text> “%s”", parser->text_id);
      return;
    }
  parser->last = _todoke_localized_text_new (value);
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
        _todoke_localized_text_translate (parser->book, parser->last, parser->language, value);
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
      g_clear_pointer (slot, _todoke_localized_text_free);
      *slot = _todoke_localized_text_new (value);
      parser->last = *slot;
    }
  else if ((strcmp (element, "step") == 0 || strcmp (element, "note") == 0) && parser->list != NULL)
    {
      parser->last = _todoke_localized_text_new (value);
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

  book->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _todoke_guide_entry_free);
  book->texts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _todoke_localized_text_free);
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
