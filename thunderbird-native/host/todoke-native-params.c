/* todoke-native-params.c: reading a request's parameters
 *
 * Every check names the parameter, so the extension's console says what
 * was wrong: "params.locale: missing", "params.raw: not base64".
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-native-channel.h"
#include "todoke-native-params.h"

static gboolean
invalid (GError    **error,
         const char *name,
         const char *why)
{
  g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS,
               "params.%s: %s", name, why);
  return FALSE;
}

/**
 * todoke_native_param_string:
 * @params: the request's "params"
 * @name: the member
 * @required: whether a missing or null member is an error
 * @max_length: longest value in bytes
 * @value: (out) (transfer none): the string, or %NULL when absent
 * @error: a #GError
 *
 * Returns: whether the member is absent and optional, or a short enough string
 */
gboolean
todoke_native_param_string (JsonObject   *params,
                            const char   *name,
                            gboolean      required,
                            gsize         max_length,
                            const char  **value,
                            GError      **error)
{
  JsonNode *node = json_object_get_member (params, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (error, name, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, name, "not a string");
  *value = json_node_get_string (node);
  if (strlen (*value) > max_length)
    {
      *value = NULL;
      return invalid (error, name, "too long");
    }
  return TRUE;
}

/**
 * todoke_native_param_strv:
 * @params: the request's "params"
 * @name: the member, optional
 * @max_items: most items allowed
 * @value: (out) (transfer full): the strings, or %NULL when absent
 * @error: a #GError
 *
 * Returns: whether the member is absent or an array of at most @max_items strings
 */
gboolean
todoke_native_param_strv (JsonObject   *params,
                          const char   *name,
                          guint         max_items,
                          GStrv        *value,
                          GError      **error)
{
  JsonNode *node = json_object_get_member (params, name);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint i;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, name, "not an array");
  array = json_node_get_array (node);
  if (json_array_get_length (array) > max_items)
    return invalid (error, name, "too many items");

  builder = g_strv_builder_new ();
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (error, name, "an item is not a string");
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  *value = g_strv_builder_end (builder);
  return TRUE;
}

/* A "binary string" (what messages.getRaw() gave before Thunderbird 117):
 * one character U+0000…U+00FF per byte. Decodes in place. */
static gboolean
binary_string_to_bytes (char  *text,
                        gsize *length)
{
  const char *p = text;
  const char *end = text + *length;
  char *out = text;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c > 0xff)
        return FALSE;
      *out++ = (char) c;
      p = g_utf8_next_char (p);
    }
  *length = out - text;
  return TRUE;
}

/**
 * todoke_native_is_base64:
 * @text: text, not necessarily NUL-terminated
 * @length: its length in bytes
 *
 * Returns: whether @text holds only base64 letters, padding and line ends
 */
gboolean
todoke_native_is_base64 (const char *text,
                         gsize       length)
{
  gsize i;

  for (i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && (text[i] == '\0' || strchr ("+/=\r\n", text[i]) == NULL))
      return FALSE;
  return TRUE;
}

/* "raw": lifted out of the frame (todoke-native-lift.c), else a copy of
 * the member, which is then removed so the message is held once. */
static char *
take_raw (JsonObject          *params,
          TodokeNativeLifted  *lifted,
          gsize               *length,
          GError             **error)
{
  const char *raw = NULL;
  char *bytes = todoke_native_lifted_take (lifted, "raw", length);

  if (bytes != NULL)
    return bytes;
  if (!todoke_native_param_string (params, "raw", TRUE, G_MAXSIZE, &raw, error))
    return NULL;
  *length = strlen (raw);
  bytes = g_strndup (raw, *length);
  json_object_remove_member (params, "raw");
  return bytes;
}

/**
 * todoke_native_param_message:
 * @params: the request's "params" of classify-message
 * @lifted: the string lifted out of the request's frame, if any
 * @error: a #GError
 *
 * Takes the message out of "raw": "encoding" "base64" (the default),
 * "binary" (one character per byte) or "text" (the message is the UTF-8
 * string). Base64 and binary strings are decoded in place.
 *
 * Returns: (transfer full) (nullable): the message's bytes
 */
GBytes *
todoke_native_param_message (JsonObject          *params,
                             TodokeNativeLifted  *lifted,
                             GError             **error)
{
  const char *encoding = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  if (!todoke_native_param_string (params, "encoding", FALSE, 16, &encoding, error))
    return NULL;
  if (encoding != NULL && g_strcmp0 (encoding, "base64") != 0 &&
      g_strcmp0 (encoding, "binary") != 0 && g_strcmp0 (encoding, "text") != 0)
    return invalid (error, "encoding", "not base64, binary or text"), NULL;
  if ((bytes = take_raw (params, lifted, &length, error)) == NULL)
    return NULL;

  if (encoding == NULL || g_str_equal (encoding, "base64"))
    {
      int state = 0;
      guint save = 0;

      if (!todoke_native_is_base64 (bytes, length))
        return invalid (error, "raw", "not base64"), NULL;
      /* Decoding writes behind where it reads: in place is safe. */
      length = g_base64_decode_step (bytes, length, (guchar *) bytes, &state, &save);
    }
  else if (g_str_equal (encoding, "binary") && !binary_string_to_bytes (bytes, &length))
    return invalid (error, "raw", "a character above U+00FF in a binary string"), NULL;

  if (length == 0)
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (g_realloc (g_steal_pointer (&bytes), length), length);
}
