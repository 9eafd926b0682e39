/* todoke-cli-json.c: one JSON object per diagnosis, for JSON Lines output
 *
 * Bulk runs print one line per failed recipient of possibly millions of
 * bounces, so the line is written straight into a GString rather than
 * through a JsonBuilder tree; tests parse it back with json-glib.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-cli.h"

/* RFC 8259 string: quotes, backslashes and control characters escaped;
 * the text is valid UTF-8 already (libtodoke guarantees it) and stays as is. */
static void
append_string (GString    *out,
               const char *value)
{
  const char *p;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (p = value; *p; p++)
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

/* One object per recipient: the contract of DESIGN §7 that bench/score reads. */
char *
todoke_cli_diagnosis_to_json (const char      *file,
                              TodokeDiagnosis *diagnosis,
                              gboolean         with_guide)
{
  GString *out = g_string_sized_new (512);
  TodokeGuide *guide = todoke_diagnosis_get_guide (diagnosis);
  guint code = todoke_diagnosis_get_reply_code (diagnosis);
  char reply[8];

  g_snprintf (reply, sizeof reply, "%u", code);

  g_string_append_c (out, '{');
  if (file != NULL)
    append_member (out, "file", file);
  append_member (out, "recipient", todoke_diagnosis_get_recipient (diagnosis));
  append_member (out, "reason", todoke_diagnosis_get_reason (diagnosis));
  append_member (out, "detail", todoke_diagnosis_get_detail (diagnosis));
  append_member (out, "status", todoke_diagnosis_get_enhanced_status (diagnosis));
  append_member (out, "reply_code", code != 0 ? reply : NULL);
  append_boolean (out, "hard", todoke_diagnosis_is_hard (diagnosis));
  append_member (out, "provider", todoke_diagnosis_get_provider (diagnosis));
  append_member (out, "remote_host", todoke_diagnosis_get_remote_host (diagnosis));
  append_member (out, "command", todoke_diagnosis_get_command (diagnosis));
  append_member (out, "diagnostic", todoke_diagnosis_get_server_message (diagnosis));
  append_member (out, "rule", todoke_diagnosis_get_rule_id (diagnosis));
  append_member (out, "owner", todoke_owner_to_string (todoke_diagnosis_get_owner (diagnosis)));
  append_boolean (out, "retry", todoke_diagnosis_get_retry (diagnosis));
  if (with_guide && guide != NULL)
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
