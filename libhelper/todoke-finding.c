/* todoke-finding.c: one result of a diagnostic check, and its JSON
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "todoke-diagnosis.h"
#include "todoke-finding.h"
#include "todoke-guide.h"
#include "todoke-probe-private.h"

struct _TodokeFinding
{
  GObject              parent_instance;

  const char          *check;        /* interned */
  TodokeFindingStatus  status;
  const char          *reason;       /* interned, nullable */
  char                *subject;
  TodokeGuide         *guide;        /* owned, nullable */
  char                *summary;
  char                *detail;       /* nullable */
  char                *suggestion;   /* nullable */
  char                *locale;       /* nullable */
};

G_DEFINE_FINAL_TYPE (TodokeFinding, todoke_finding, G_TYPE_OBJECT)

static void
todoke_finding_finalize (GObject *object)
{
  TodokeFinding *self = (TodokeFinding *) object;

  g_clear_pointer (&self->guide, todoke_guide_unref);
  g_free (self->subject);
  g_free (self->summary);
  g_free (self->detail);
  g_free (self->suggestion);
  g_free (self->locale);

  G_OBJECT_CLASS (todoke_finding_parent_class)->finalize (object);
}

static void
todoke_finding_class_init (TodokeFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = todoke_finding_finalize;
}

static void
todoke_finding_init (TodokeFinding *self)
{
}

/* Replaces every "{key}" of @text by its value in @args (key, value, …,
 * NULL); unknown keys stay as they are. */
static char *
expand_text (const char *text,
             va_list     args)
{
  GString *out = g_string_new (text);
  const char *key;

  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *pattern = g_strdup_printf ("{%s}", key);

      g_string_replace (out, pattern, value != NULL ? value : "", 0);
    }

  return g_string_free (out, FALSE);
}

char *
_todoke_probe_format_text (TodokeProbeContext *ctx,
                           const char         *text_id,
                           va_list             args)
{
  const char *text;

  if (text_id == NULL)
    return NULL;
  text = todoke_rule_set_lookup_text (ctx->rules, text_id, ctx->locale);
  if (text == NULL)
    {
      g_critical ("no text “%s” in the guides", text_id);
      return g_strdup (text_id);
    }

  return expand_text (text, args);
}

TodokeFinding *
_todoke_finding_new (TodokeProbeContext  *ctx,
                     const char          *check,
                     TodokeFindingStatus  status,
                     const char          *reason,
                     const char          *subject,
                     const char          *summary_id,
                     const char          *detail_id,
                     ...)
{
  TodokeFinding *self = g_object_new (TODOKE_TYPE_FINDING, NULL);
  va_list args;

  self->check = g_intern_string (check);
  self->status = status;
  self->reason = g_intern_string (reason);
  self->subject = g_strdup (subject);
  self->locale = g_strdup (ctx->locale);
  if (reason != NULL)
    self->guide = todoke_rule_set_lookup_guide (ctx->rules, reason, ctx->locale, NULL, NULL);

  va_start (args, detail_id);
  self->summary = _todoke_probe_format_text (ctx, summary_id, args);
  va_end (args);
  va_start (args, detail_id);
  self->detail = _todoke_probe_format_text (ctx, detail_id, args);
  va_end (args);

  return self;
}

void
_todoke_finding_set_suggestion (TodokeFinding *self,
                                const char    *suggestion)
{
  g_free (self->suggestion);
  self->suggestion = g_strdup (suggestion);
}

/**
 * todoke_finding_get_check:
 * @self: a finding
 *
 * The check that produced the finding, such as `recipient-dns` (one of
 * the `TODOKE_CHECK_*` ids).
 *
 * Returns: the check id
 */
const char *
todoke_finding_get_check (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->check;
}

/**
 * todoke_finding_get_status:
 * @self: a finding
 *
 * Whether the check passed, found a problem or a risk, or could not run.
 *
 * Returns: the status
 */
TodokeFindingStatus
todoke_finding_get_status (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), TODOKE_FINDING_STATUS_NOT_CHECKED);
  return self->status;
}

/**
 * todoke_finding_get_subject:
 * @self: a finding
 *
 * What was checked: an address, a domain, or a server as `host:port`.
 *
 * Returns: (nullable): the subject
 */
const char *
todoke_finding_get_subject (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->subject;
}

/**
 * todoke_finding_get_reason:
 * @self: a finding
 *
 * The reason id (TAXONOMY) a problem or a warning would cause or explains,
 * such as `hostunknown` or `send_port_blocked`; %NULL when the check passed
 * or could not run.
 *
 * Returns: (nullable): the reason id
 */
const char *
todoke_finding_get_reason (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->reason;
}

/**
 * todoke_finding_get_guide:
 * @self: a finding
 *
 * The guide of the finding's reason, in the language of the run, so a
 * finding is explained exactly like a failure.
 *
 * Returns: (transfer none) (nullable): the guide
 */
TodokeGuide *
todoke_finding_get_guide (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->guide;
}

/**
 * todoke_finding_get_summary:
 * @self: a finding
 *
 * One localized sentence saying what the check found, such as
 * "Did you mean gmail.com?".
 *
 * Returns: the summary
 */
const char *
todoke_finding_get_summary (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->summary;
}

/**
 * todoke_finding_get_detail:
 * @self: a finding
 *
 * A localized sentence or two on what was seen and what it means.
 *
 * Returns: (nullable): the detail
 */
const char *
todoke_finding_get_detail (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->detail;
}

/**
 * todoke_finding_get_suggestion:
 * @self: a finding
 *
 * A value the user could use instead: the corrected address, or a port
 * number such as `587`.
 *
 * Returns: (nullable): the suggestion
 */
const char *
todoke_finding_get_suggestion (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->suggestion;
}

/**
 * todoke_finding_get_locale:
 * @self: a finding
 *
 * The language the run was asked for.
 *
 * Returns: (nullable): the locale given to todoke_probe_run_async()
 */
const char *
todoke_finding_get_locale (TodokeFinding *self)
{
  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);
  return self->locale;
}

/**
 * todoke_finding_status_to_string:
 * @status: a status
 *
 * The status as written in JSON: `ok`, `problem`, `warning`, `not-checked`.
 *
 * Returns: the name
 */
const char *
todoke_finding_status_to_string (TodokeFindingStatus status)
{
  switch (status)
    {
    case TODOKE_FINDING_STATUS_OK: return "ok";
    case TODOKE_FINDING_STATUS_PROBLEM: return "problem";
    case TODOKE_FINDING_STATUS_WARNING: return "warning";
    case TODOKE_FINDING_STATUS_NOT_CHECKED: return "not-checked";
    default: return "not-checked";
    }
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_list (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (; values != NULL && *values != NULL; values++)
    json_builder_add_string_value (builder, *values);
  json_builder_end_array (builder);
}

static void
add_guide (JsonBuilder *builder,
           TodokeGuide *guide)
{
  add_member (builder, "lang", todoke_guide_get_language (guide));
  add_member (builder, "title", todoke_guide_get_title (guide));
  add_member (builder, "explanation", todoke_guide_get_explanation (guide));
  add_list (builder, "steps", todoke_guide_get_steps (guide));
  add_list (builder, "notes", todoke_guide_get_notes (guide));
  add_member (builder, "owner", todoke_owner_to_string (todoke_guide_get_owner (guide)));
}

/**
 * todoke_finding_to_json:
 * @self: a finding
 * @flags: %TODOKE_JSON_GUIDE adds the guide of the finding's reason
 *
 * Writes @self as one JSON object on one line: `type` ("finding"),
 * `check`, `status`, `subject`, `reason`, `summary`, `detail`, `suggestion`,
 * and with %TODOKE_JSON_GUIDE the guide's `lang`, `title`, `explanation`,
 * `steps`, `notes` and `owner`. The one writer for findings: the CLI, the
 * native host and the app all use it.
 *
 * Returns: (transfer full): the JSON object, without a trailing newline
 */
char *
todoke_finding_to_json (TodokeFinding   *self,
                        TodokeJsonFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TODOKE_IS_FINDING (self), NULL);

  json_builder_begin_object (builder);
  add_member (builder, "type", "finding");
  add_member (builder, "check", self->check);
  add_member (builder, "status", todoke_finding_status_to_string (self->status));
  add_member (builder, "subject", self->subject);
  add_member (builder, "reason", self->reason);
  add_member (builder, "summary", self->summary);
  add_member (builder, "detail", self->detail);
  add_member (builder, "suggestion", self->suggestion);
  if ((flags & TODOKE_JSON_GUIDE) != 0 && self->guide != NULL)
    add_guide (builder, self->guide);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
