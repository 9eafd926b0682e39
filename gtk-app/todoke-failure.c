/* todoke-failure.c: the checked arguments of Report
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Report's a{sv} comes from other programs: every key is checked for its
 * type, size and content before anything else looks at it, and a bad one
 * is refused with org.freedesktop.DBus.Error.InvalidArgs naming the key.
 */

#include "config.h"

#include <string.h>

#include "todoke-failure.h"

void
todoke_failure_clear (TodokeFailure *failure)
{
  g_clear_pointer (&failure->text, g_free);
  g_clear_pointer (&failure->message, g_bytes_unref);
  g_clear_pointer (&failure->recipients, g_strfreev);
  g_clear_pointer (&failure->server, g_free);
  g_clear_pointer (&failure->locale, g_free);
  g_clear_pointer (&failure->source, g_free);
  g_clear_pointer (&failure->client, g_free);
}

static gboolean
invalid (GError    **error,
         const char *key,
         const char *why)
{
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS, "“%s”: %s", key, why);
  return FALSE;
}

/* Valid UTF-8 without control characters other than tab and line breaks. */
static gboolean
is_clean_text (const char *text,
               gsize       length,
               gboolean    multiline)
{
  const char *p;

  if (!g_utf8_validate_len (text, length, NULL))
    return FALSE;
  for (p = text; p < text + length; p++)
    {
      guchar c = *p;

      if (c == 0 || c == 0x7f)
        return FALSE;
      if (c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r')))
        return FALSE;
    }

  return TRUE;
}

/* A short name: letters, digits and . _ - @ : only. */
static gboolean
is_name (const char *text)
{
  const char *p;

  for (p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-@:[]", *p) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
get_string (const char  *key,
            GVariant    *value,
            gsize        max,
            gboolean     multiline,
            char       **out,
            GError     **error)
{
  const char *text;
  gsize length;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return invalid (error, key, "must be a string (s)");
  text = g_variant_get_string (value, &length);
  if (length > max)
    return invalid (error, key, "too long");
  if (!is_clean_text (text, length, multiline))
    return invalid (error, key, "not valid UTF-8 text");
  if (!multiline && !is_name (text) && strcmp (key, "server") != 0)
    return invalid (error, key, "may hold only letters, digits and . _ - @ :");
  *out = g_strndup (text, length);

  return TRUE;
}

static gboolean
get_message (GVariant       *value,
             TodokeFailure  *out,
             GError        **error)
{
  gsize length;
  gconstpointer data;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    return invalid (error, "message", "must be an array of bytes (ay)");
  data = g_variant_get_fixed_array (value, &length, 1);
  if (length == 0)
    return invalid (error, "message", "is empty");
  if (length > TODOKE_FAILURE_MAX_MESSAGE)
    return invalid (error, "message", "larger than 64 MiB");
  out->message = g_bytes_new (data, length);

  return TRUE;
}

static gboolean
get_recipients (GVariant       *value,
                TodokeFailure  *out,
                GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gsize i, n;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return invalid (error, "recipients", "must be an array of strings (as)");
  n = g_variant_n_children (value);
  if (n > TODOKE_FAILURE_MAX_RECIPIENTS)
    return invalid (error, "recipients", "more than 1,000 addresses");
  for (i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
      gsize length;
      const char *address = g_variant_get_string (child, &length);

      /* "Taro <taro@example.jp>" is fine too: libtodoke takes the address out. */
      if (length == 0 || length > TODOKE_FAILURE_MAX_ADDRESS ||
          !is_clean_text (address, length, FALSE) || strchr (address, '@') == NULL)
        return invalid (error, "recipients", "holds something that is not a mail address");
      g_strv_builder_add (builder, address);
    }
  g_strfreev (out->recipients);
  out->recipients = g_strv_builder_end (builder);

  return TRUE;
}

static gboolean
get_value (const char     *key,
           GVariant       *value,
           TodokeFailure  *out,
           GError        **error)
{
  if (strcmp (key, "text") == 0)
    return get_string (key, value, TODOKE_FAILURE_MAX_TEXT, TRUE, &out->text, error);
  if (strcmp (key, "message") == 0)
    return get_message (value, out, error);
  if (strcmp (key, "recipients") == 0)
    return get_recipients (value, out, error);
  if (strcmp (key, "server") == 0)
    return get_string (key, value, TODOKE_FAILURE_MAX_SERVER, FALSE, &out->server, error);
  if (strcmp (key, "locale") == 0)
    return get_string (key, value, TODOKE_FAILURE_MAX_LOCALE, FALSE, &out->locale, error);
  if (strcmp (key, "source") == 0)
    return get_string (key, value, TODOKE_FAILURE_MAX_NAME, FALSE, &out->source, error);
  if (strcmp (key, "client") == 0)
    return get_string (key, value, TODOKE_FAILURE_MAX_NAME, FALSE, &out->client, error);

  return FALSE;
}

/**
 * todoke_failure_parse:
 * @failure: Report's argument, of type a{sv}
 * @out: (out caller-allocates): the checked values; cleared on failure
 * @error: return location for a %G_DBUS_ERROR_INVALID_ARGS error
 *
 * Returns: %TRUE when @failure is a report Todoke can take
 */
gboolean
todoke_failure_parse (GVariant       *failure,
                      TodokeFailure  *out,
                      GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize i, n;

  memset (out, 0, sizeof *out);
  if (!g_variant_is_of_type (failure, G_VARIANT_TYPE_VARDICT))
    return invalid (error, "failure", "must be a dictionary (a{sv})");

  n = g_variant_n_children (failure);
  for (i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (failure, i);
      g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
      g_autoptr(GVariant) boxed = g_variant_get_child_value (entry, 1);
      g_autoptr(GVariant) value = g_variant_get_variant (boxed);
      const char *name = g_variant_get_string (key, NULL);
      g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 64));

      if (g_hash_table_contains (seen, name))
        {
          invalid (error, shown, "given twice");
          todoke_failure_clear (out);
          return FALSE;
        }
      g_hash_table_add (seen, (gpointer) name);
      if (!get_value (name, value, out, error))
        {
          if (error == NULL || *error == NULL)
            invalid (error, shown, "unknown key");
          todoke_failure_clear (out);
          return FALSE;
        }
    }

  if ((out->text == NULL) == (out->message == NULL))
    {
      invalid (error, "text", "give exactly one of “text” and “message”");
      todoke_failure_clear (out);
      return FALSE;
    }
  if (out->text != NULL && out->text[strspn (out->text, " \t\r\n")] == '\0')
    {
      invalid (error, "text", "is empty");
      todoke_failure_clear (out);
      return FALSE;
    }
  if (out->recipients == NULL)
    out->recipients = g_new0 (char *, 1);
  if (out->source == NULL || *out->source == '\0')
    {
      g_free (out->source);
      out->source = g_strdup ("unknown");
    }

  return TRUE;
}
