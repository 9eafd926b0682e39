/* todoke-native-lift.c: a message's string taken out of its frame
 *
 * json-glib holds a string three times while it parses it: in the frame,
 * in its scanner's token and in the node. For a message of 50 MiB sent
 * whole that was 150 MiB before the message was even read. So the one
 * big string a request may carry, "params"."raw" (classify-message) or
 * "params"."data" (message-part), is lifted out of the frame first:
 *
 *   {"id":2,"method":"classify-message","params":{"raw":"Return-Path: …","locale":"ja"}}
 *   → json-glib parses {"id":2,"method":"classify-message","params":{"raw":"","locale":"ja"}}
 *   → the string is unescaped in place, in the frame's own buffer
 *
 * Finding it needs no JSON parser: outside strings JSON has no quotes,
 * so a string runs from an unescaped quote to the next one, a key is a
 * string followed by ':', and depth is counted by brackets outside
 * strings. Whatever is not valid JSON is left to json-glib to refuse.
 * Unescaping follows RFC 8259 §7; like json-glib, a control character
 * left unescaped is taken as it is.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-native-channel.h"
#include "todoke-native-lift.h"

typedef struct
{
  gsize       start;      /* the opening quote */
  gsize       end;        /* after the closing quote */
  const char *member;
  guint       found;
} Candidate;

/* After the string whose opening quote is at @i: the index after its
 * closing quote, or 0 when it is not closed. */
static gsize
string_end (const char *json,
            gsize       size,
            gsize       i)
{
  for (i++; i < size; i++)
    {
      if (json[i] == '\\')
        i++;
      else if (json[i] == '"')
        return i + 1;
    }
  return 0;
}

static gboolean
is_literal (const char *json,
            gsize       start,
            gsize       end,
            const char *quoted)
{
  return end - start == strlen (quoted) && memcmp (json + start, quoted, end - start) == 0;
}

static gsize
skip_space (const char *json,
            gsize       size,
            gsize       i)
{
  while (i < size && strchr (" \t\r\n", json[i]) != NULL && json[i] != '\0')
    i++;
  return i;
}

/* The value string of "params"."raw" or "params"."data" at least
 * @min_length long; none when there are several. */
static gboolean
find_candidate (const char *json,
                gsize       size,
                gsize       min_length,
                Candidate  *candidate)
{
  guint depth = 0;
  gboolean in_params = FALSE;
  gboolean params_key = FALSE;   /* the last key of the top object was "params" */
  const char *key = NULL;
  gsize i = 0;

  memset (candidate, 0, sizeof *candidate);
  while (i < size)
    {
      char c = json[i];

      if (c == '"')
        {
          gsize end = string_end (json, size, i);
          gsize after;

          if (end == 0)
            return FALSE;
          after = skip_space (json, size, end);
          if (after < size && json[after] == ':')
            {
              if (depth == 1)
                params_key = is_literal (json, i, end, "\"params\"");
              else if (depth == 2 && in_params)
                key = is_literal (json, i, end, "\"raw\"") ? "raw"
                      : is_literal (json, i, end, "\"data\"") ? "data" : NULL;
            }
          else if (depth == 2 && in_params && key != NULL && end - i - 2 >= min_length)
            {
              candidate->found++;
              candidate->start = i;
              candidate->end = end;
              candidate->member = key;
            }
          i = end;
          continue;
        }
      if (c == '{' || c == '[')
        {
          depth++;
          if (depth == 2)
            in_params = c == '{' && params_key;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 2)
            in_params = FALSE;
          depth = depth > 0 ? depth - 1 : 0;
        }
      i++;
    }
  return candidate->found == 1;
}

/**
 * todoke_native_lift:
 * @frame: (transfer full): a frame of UTF-8 JSON
 * @min_length: shortest string worth lifting
 * @lifted: (out caller-allocates): the string lifted, still escaped, or
 *   nothing (%NULL data)
 * @escaped_length: (out): its length before unescaping
 *
 * Returns: (transfer full): the JSON for json-glib: @frame itself, or the
 *   frame with the lifted string replaced by ""
 */
GBytes *
todoke_native_lift (GBytes             *frame,
                    gsize               min_length,
                    TodokeNativeLifted *lifted,
                    gsize              *escaped_length)
{
  gsize size = 0;
  const char *json = g_bytes_get_data (frame, &size);
  Candidate candidate;
  GString *rest;
  char *buffer;

  memset (lifted, 0, sizeof *lifted);
  *escaped_length = 0;
  if (json == NULL || !find_candidate (json, size, min_length, &candidate))
    return frame;

  rest = g_string_sized_new (size - (candidate.end - candidate.start) + 2);
  g_string_append_len (rest, json, candidate.start);
  g_string_append (rest, "\"\"");
  g_string_append_len (rest, json + candidate.end, size - candidate.end);

  /* The frame's buffer becomes the string's: no copy when the frame
   * was the only reference, as it is when the host read it. */
  buffer = g_bytes_unref_to_data (frame, &size);
  *escaped_length = candidate.end - candidate.start - 2;
  memmove (buffer, buffer + candidate.start + 1, *escaped_length);
  lifted->data = g_realloc (buffer, MAX (*escaped_length, 1));
  lifted->length = *escaped_length;
  lifted->member = candidate.member;

  return g_string_free_to_bytes (rest);
}

static int
hex4 (const char *p)
{
  int value = 0;
  int i;

  for (i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A \uXXXX escape at @p (before @end), with its low surrogate when it is
 * a high one; the number of bytes read, or 0 when it is not valid.
 * @unpaired is set for a surrogate without its pair. */
static gsize
read_unicode (const char *p,
              const char *end,
              gunichar   *c,
              gboolean   *unpaired)
{
  int high, low;

  *unpaired = FALSE;
  if (end - p < 6 || (high = hex4 (p + 2)) < 0)
    return 0;
  if (high < 0xd800 || high > 0xdfff)
    {
      *c = high;
      return 6;
    }
  if (high > 0xdbff || end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
      (low = hex4 (p + 8)) < 0xdc00 || low > 0xdfff)
    {
      *unpaired = TRUE;
      return 0;
    }
  *c = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
  return 12;
}

/* As for json-glib's strings (todoke-native-dispatch.c): a surrogate
 * without its pair would spell bytes that are not UTF-8. */
static gboolean
bad_escape (GError   **error,
            gboolean   unpaired,
            gsize      offset)
{
  if (unpaired)
    g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_UTF8,
                         "A string of the frame is not valid UTF-8 (an unpaired \\u escape)");
  else
    g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_JSON,
                 "The frame is not JSON: an invalid escape at byte %" G_GSIZE_FORMAT " of a string",
                 offset);
  return FALSE;
}

/**
 * todoke_native_lifted_unescape:
 * @lifted: a string todoke_native_lift() lifted
 * @escaped_length: its length before unescaping
 * @error: %TODOKE_NATIVE_ERROR_INVALID_JSON for an invalid escape,
 *   %TODOKE_NATIVE_ERROR_INVALID_UTF8 for a surrogate without its pair
 *
 * Unescapes the string in place (it only gets shorter).
 *
 * Returns: whether every escape was valid
 */
gboolean
todoke_native_lifted_unescape (TodokeNativeLifted *lifted,
                               gsize               escaped_length,
                               GError            **error)
{
  const char *p = lifted->data;
  const char *end = p + escaped_length;
  char *out = lifted->data;
  static const char simple_in[] = "\"\\/bfnrt";
  static const char simple_out[] = "\"\\/\b\f\n\r\t";

  while (p < end)
    {
      const char *escape = memchr (p, '\\', end - p);
      const char *found;
      gboolean unpaired;
      gunichar c;
      gsize n;

      if (escape == NULL)
        escape = end;
      memmove (out, p, escape - p);
      out += escape - p;
      p = escape;
      if (p == end)
        break;
      if (end - p >= 2 && p[1] == 'u')
        {
          if ((n = read_unicode (p, end, &c, &unpaired)) == 0)
            return bad_escape (error, unpaired, p - lifted->data);
          out += g_unichar_to_utf8 (c, out);
          p += n;
        }
      else if (end - p >= 2 && p[1] != '\0' && (found = strchr (simple_in, p[1])) != NULL)
        {
          *out++ = simple_out[found - simple_in];
          p += 2;
        }
      else
        return bad_escape (error, FALSE, p - lifted->data);
    }
  lifted->length = out - lifted->data;
  lifted->data = g_realloc (lifted->data, MAX (lifted->length, 1));
  return TRUE;
}

/**
 * todoke_native_lifted_take:
 * @lifted: what was lifted out of the request
 * @member: the member a method reads, "raw" or "data"
 * @length: (out): the string's length
 *
 * Returns: (transfer full) (nullable): the string, unescaped, when it was
 *   the value of @member; not NUL-terminated
 */
char *
todoke_native_lifted_take (TodokeNativeLifted *lifted,
                           const char         *member,
                           gsize              *length)
{
  *length = 0;
  if (lifted->data == NULL || g_strcmp0 (lifted->member, member) != 0)
    return NULL;
  *length = lifted->length;
  lifted->member = NULL;
  return g_steal_pointer (&lifted->data);
}

void
todoke_native_lifted_clear (TodokeNativeLifted *lifted)
{
  g_clear_pointer (&lifted->data, g_free);
  lifted->length = 0;
  lifted->member = NULL;
}
