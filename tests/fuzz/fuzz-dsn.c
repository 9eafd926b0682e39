/* fuzz-dsn.c: the fuzz input as the text of a delivery-status part
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "todoke-dsn-private.h"
#include "todoke-text-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) records = NULL;
  TodokeMessage message = { 0 };
  const char *rest = NULL;
  char *text;
  guint i;

  todoke_fuzz_set_up ();
  /* A delivery-status part reaches the parser as valid UTF-8. */
  text = _todoke_text_to_utf8 ((const char *) data, size, NULL);

  fields = _todoke_fields_parse (text, TRUE, &rest);
  g_assert (rest != NULL);
  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = _todoke_fields_parse (text, FALSE, NULL);
  for (i = 0; i < fields->len; i++)
    {
      TodokeField *field = g_ptr_array_index (fields, i);

      g_assert (field->name != NULL && field->value != NULL);
      g_assert (_todoke_fields_get (fields, field->name) != NULL);
    }

  message.dsn_parts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (message.dsn_parts, text);
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_record_free);
  _todoke_dsn_extract (&message, records);
  for (i = 0; i < records->len; i++)
    {
      TodokeRecord *record = g_ptr_array_index (records, i);

      g_assert (record->recipient != NULL);
      g_assert (record->diagnostic == NULL || g_utf8_validate (record->diagnostic, -1, NULL));
      g_assert (record->reply_code == 0 || (record->reply_code >= 200 && record->reply_code <= 599));
    }
  g_ptr_array_unref (message.dsn_parts);

  return 0;
}
