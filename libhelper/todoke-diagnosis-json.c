/* todoke-diagnosis-json.c: the one JSON writer for a diagnosis
 *
 * The CLI's JSON Lines, the native host's answers and the desktop app's
 * "Copy diagnosis" all print a diagnosis through this writer (DESIGN §7).
 * Bulk runs print one line per failed recipient of possibly millions of
 * bounces, so the object is written straight into a GString rather than
 * through a JsonBuilder tree; tests parse it back with json-glib.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-diagnosis.h"
#include "todoke-guide.h"

/* RFC 8259 string of the first @length bytes of @value (all if -1): quotes,
 * backslashes and control characters escaped; the text is valid UTF-8
 * already (libtodoke guarantees it) and stays as is. */
static void
append_string_len (GString    *out,
                   const char *value,
                   gssize      length)
{
  const char *p;
  const char *end;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  end = length < 0 ? value + strlen (value) : value + length;
  g_string_append_c (out, '"');
  for (p = value; p < end; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_string (GString    *out,
               const char *value)
{
  append_string_len (out, value, -1);
}

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
  append_string (out, value);
}

static void
append_boolean (GString    *out,
                const char *name,
                gboolean    value)
{
  g_string_append_printf (out, ",\"%s\":%s", name, value ? "true" : "false");
}

static void
append_array (GString            *out,
              const char         *name,
              const char * const *values)
{
  guint i;

  g_string_append_printf (out, ",\"%s\":[", name);
  for (i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_string (out, values[i]);
    }
  g_string_append_c (out, ']');
}

/* The longest prefix of @text that fits in @max bytes without cutting a
 * UTF-8 character (text is valid UTF-8). */
static gsize
utf8_prefix_length (const char *text,
                    gsize       max)
{
  const char *end = text + max;

  while (end > text && (((guchar) *end) & 0xc0) == 0x80)
    end--;
  return end - text;
}

/**
 * todoke_diagnosis_to_json:
 * @self: a diagnosis
 * @file: (nullable): the file the diagnosis came from, written as "file"
 * @flags: what to add to the fields of every diagnosis
 * @max_text: longest server text to write in bytes, or 0 for no limit
 *
 * Writes @self as one JSON object on one line: the contract of DESIGN §7
 * (`recipient`, `reason`, `detail`, `status`, `reply_code`, `hard`,
 * `provider`, `remote_host`, `command`, `diagnostic`, `rule`, `owner`,
 * `retry`), and with %TODOKE_JSON_GUIDE the guide's `lang`, `title`,
 * `explanation`, `steps`, `notes` and `help`. A server text longer than
 * @max_text is cut at a character boundary and `"diagnostic_truncated":
 * true` is added; the JSON itself is never cut.
 *
 * Returns: (transfer full): the JSON object, without a trailing newline
 */
char *
todoke_diagnosis_to_json (TodokeDiagnosis *self,
                          const char      *file,
                          TodokeJsonFlags  flags,
                          gsize            max_text)
{
  GString *out;
  TodokeGuide *guide;
  const char *diagnostic;
  guint code;
  gboolean truncated = FALSE;
  char reply[8];

  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);

  out = g_string_sized_new (512);
  guide = todoke_diagnosis_get_guide (self);
  code = todoke_diagnosis_get_reply_code (self);
  diagnostic = todoke_diagnosis_get_server_message (self);
  g_snprintf (reply, sizeof reply, "%u", code);

  g_string_append_c (out, '{');
  if (file != NULL)
    append_member (out, "file", file);
  append_member (out, "recipient", todoke_diagnosis_get_recipient (self));
  append_member (out, "reason", todoke_diagnosis_get_reason (self));
  append_member (out, "detail", todoke_diagnosis_get_detail (self));
  append_member (out, "status", todoke_diagnosis_get_enhanced_status (self));
  append_member (out, "reply_code", code != 0 ? reply : NULL);
  append_boolean (out, "hard", todoke_diagnosis_is_hard (self));
  append_member (out, "provider", todoke_diagnosis_get_provider (self));
  append_member (out, "remote_host", todoke_diagnosis_get_remote_host (self));
  append_member (out, "command", todoke_diagnosis_get_command (self));
  if (diagnostic != NULL && max_text > 0 && strlen (diagnostic) > max_text)
    {
      g_string_append (out, ",\"diagnostic\":");
      append_string_len (out, diagnostic, utf8_prefix_length (diagnostic, max_text));
      truncated = TRUE;
    }
  else
    append_member (out, "diagnostic", diagnostic);
  if (truncated)
    append_boolean (out, "diagnostic_truncated", TRUE);
  append_member (out, "rule", todoke_diagnosis_get_rule_id (self));
  append_member (out, "owner", todoke_owner_to_string (todoke_diagnosis_get_owner (self)));
  append_boolean (out, "retry", todoke_diagnosis_get_retry (self));
  if ((flags & TODOKE_JSON_GUIDE) != 0 && guide != NULL)
    {
      g_autofree char *help = todoke_guide_get_help_page (guide) != NULL
                              ? g_strconcat ("help:" GETTEXT_PACKAGE "/", todoke_guide_get_help_page (guide), NULL)
                              : NULL;

      append_member (out, "lang", todoke_guide_get_language (guide));
      append_member (out, "title", todoke_guide_get_title (guide));
      append_member (out, "explanation", todoke_guide_get_explanation (guide));
      append_array (out, "steps", todoke_guide_get_steps (guide));
      append_array (out, "notes", todoke_guide_get_notes (guide));
      append_member (out, "help", help);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}
