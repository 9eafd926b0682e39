/* todoke-fields.c: "Name: value" field blocks (RFC 5322 headers, RFC 3464
 * delivery-status fields, RFC 5965 feedback reports)
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-fields-private.h"

static void
field_free (TodokeField *field)
{
  g_free (field->name);
  g_free (field->value);
  g_free (field);
}

/* "Name: value", and the "Name : value" some writers use: the length of
 * the name and the position of the colon. */
gboolean
_todoke_fields_is_field_line (const char *line,
                              gsize       length,
                              gsize      *name_length,
                              gsize      *colon)
{
  gsize i;

  for (i = 0; i < length; i++)
    {
      char c = line[i];

      if (c == ':' || c == ' ' || c == '\t')
        break;
      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
    }
  if (i == 0)
    return FALSE;
  *name_length = i;
  while (i < length && i - *name_length < 4 && (line[i] == ' ' || line[i] == '\t'))
    i++;
  if (i >= length || line[i] != ':')
    return FALSE;
  *colon = i;

  return TRUE;
}

/* "550-…", "550 …": three digits, then a dash or a space. */
static gboolean
starts_reply_line (const char *p,
                   gsize       length)
{
  return length >= 4 && g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) &&
         g_ascii_isdigit (p[2]) && (p[3] == '-' || p[3] == ' ');
}

/* Reads "Name: value" lines, unfolding continuation lines. With
 * @stop_at_blank, stops at the first empty line and points @rest after it. */
GPtrArray *
_todoke_fields_parse (const char  *text,
                      gboolean     stop_at_blank,
                      const char **rest)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  TodokeField *current = NULL;
  GString *value = g_string_new (NULL);
  const char *p = text;

  while (p != NULL && *p)
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol != NULL ? (gsize) (eol - p) : strlen (p);
      const char *next = eol != NULL ? eol + 1 : p + length;
      gsize colon = 0;
      gsize name_length = 0;

      if (length > 0 && p[length - 1] == '\r')
        length--;

      if (length == 0 || strspn (p, " \t") == length)
        {
          if (stop_at_blank && fields->len > 0)
            {
              p = next;
              break;
            }
        }
      else if ((p[0] == ' ' || p[0] == '\t') && current != NULL)
        {
          gsize blank = strspn (p, " \t");

          /* Folding is not the server's: one space, unless the folded line
           * is the next line of a multi-line reply ("550-5.1.1 …"). */
          g_string_append_c (value, starts_reply_line (p + blank, length - blank) ? '\n' : ' ');
          g_string_append_len (value, p + blank, length - blank);
        }
      else if (_todoke_fields_is_field_line (p, length, &name_length, &colon))
        {
          if (current != NULL)
            current->value = g_strstrip (g_strdup (value->str));
          current = g_new0 (TodokeField, 1);
          current->name = g_strndup (p, name_length);
          g_ptr_array_add (fields, current);
          g_string_assign (value, "");
          g_string_append_len (value, p + colon + 1, length - colon - 1);
        }
      p = next;
    }

  if (current != NULL)
    current->value = g_strstrip (g_strdup (value->str));
  g_string_free (value, TRUE);
  if (rest != NULL)
    *rest = p;

  return fields;
}

const char *
_todoke_fields_get (GPtrArray  *fields,
                    const char *name)
{
  guint i;

  for (i = 0; i < fields->len; i++)
    {
      TodokeField *field = g_ptr_array_index (fields, i);

      if (g_ascii_strcasecmp (field->name, name) == 0)
        return field->value;
    }

  return NULL;
}
