/* todoke-rule-set-parser.c: reads todoke-reasons.xml and todoke-rules.xml,
 * checking them as it goes (an error names the line)
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-rule-set-parser-private.h"

void
_todoke_parse_remember_line (GMarkupParseContext *context,
                             ParseState          *state,
                             const char          *id)
{
  int line = 0;

  g_markup_parse_context_get_position (context, &line, NULL);
  g_hash_table_insert (state->lines, (gpointer) g_intern_string (id), GINT_TO_POINTER (line));
}

static gboolean
parse_bool (const char *value,
            gboolean   *out)
{
  if (g_strcmp0 (value, "true") == 0)
    *out = TRUE;
  else if (g_strcmp0 (value, "false") == 0)
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

gboolean
_todoke_parse_severity (const char         *value,
                        TodokeSeverity     *severity,
                        TodokeSeverityRule *rule)
{
  *rule = TODOKE_SEVERITY_RULE_FIXED;
  if (g_strcmp0 (value, "hard") == 0)
    *severity = TODOKE_SEVERITY_HARD;
  else if (g_strcmp0 (value, "soft") == 0)
    *severity = TODOKE_SEVERITY_SOFT;
  else if (g_strcmp0 (value, "none") == 0)
    *severity = TODOKE_SEVERITY_NONE;
  else if (g_strcmp0 (value, "hard-if-permanent") == 0)
    {
      *severity = TODOKE_SEVERITY_HARD;
      *rule = TODOKE_SEVERITY_RULE_HARD_IF_PERMANENT;
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
parse_owner (const char  *value,
             TodokeOwner *owner)
{
  static const struct { const char *nick; TodokeOwner owner; } owners[] = {
    { "unknown", TODOKE_OWNER_UNKNOWN },
    { "sender", TODOKE_OWNER_SENDER },
    { "sender-admin", TODOKE_OWNER_SENDER_ADMIN },
    { "recipient", TODOKE_OWNER_RECIPIENT },
    { "recipient-admin", TODOKE_OWNER_RECIPIENT_ADMIN },
    { "network", TODOKE_OWNER_NETWORK },
    { "nobody", TODOKE_OWNER_NOBODY },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (owners); i++)
    if (g_strcmp0 (value, owners[i].nick) == 0)
      {
        *owner = owners[i].owner;
        return TRUE;
      }

  return FALSE;
}

gboolean
_todoke_parse_is_valid_id (const char *id)
{
  const char *p;

  if (id == NULL || *id == '\0')
    return FALSE;
  for (p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

void
_todoke_parse_set_error (GMarkupParseContext  *context,
                         GError              **error,
                         const char           *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line = 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_markup_parse_context_get_position (context, &line, NULL);
  g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA, "line %d: %s", line, message);
}

static void
start_reason (GMarkupParseContext  *context,
              ParseState           *state,
              const char          **names,
              const char          **values,
              GError              **error)
{
  const char *id = NULL, *parent = NULL, *severity = NULL, *owner = NULL;
  const char *retry = NULL, *group = NULL;
  TodokeReasonInfo *info;

  if (!g_markup_collect_attributes ("reason", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "parent", &parent,
                                    G_MARKUP_COLLECT_STRING, "severity", &severity,
                                    G_MARKUP_COLLECT_STRING, "owner", &owner,
                                    G_MARKUP_COLLECT_STRING, "retry", &retry,
                                    G_MARKUP_COLLECT_STRING, "group", &group,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  if (!_todoke_parse_is_valid_id (id) || g_hash_table_contains (state->self->reasons, g_intern_string (id)))
    {
      _todoke_parse_set_error (context, error, "reason id “%s” is invalid or declared twice", id);
      return;
    }

  _todoke_parse_remember_line (context, state, id);
  info = g_new0 (TodokeReasonInfo, 1);
  info->id = g_intern_string (id);
  info->parent = parent != NULL ? g_intern_string (parent) : NULL;
  info->group = g_intern_string (group);
  g_hash_table_insert (state->self->reasons, (gpointer) info->id, info);
  g_ptr_array_add (state->self->reason_ids, (gpointer) info->id);

  if (!_todoke_parse_severity (severity, &info->severity, &info->severity_rule) ||
      !parse_owner (owner, &info->owner) ||
      !parse_bool (retry, &info->retry))
    _todoke_parse_set_error (context, error, "reason “%s” has an invalid severity, owner or retry", id);
}

static void
start_provider (GMarkupParseContext  *context,
                ParseState           *state,
                const char          **names,
                const char          **values,
                GError              **error)
{
  const char *id = NULL, *name = NULL;
  TodokeProvider *provider;
  guint i;

  if (!g_markup_collect_attributes ("provider", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "name", &name,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  for (i = 0; i < state->self->providers->len; i++)
    {
      TodokeProvider *other = g_ptr_array_index (state->self->providers, i);

      if (other->id == g_intern_string (id))
        {
          _todoke_parse_set_error (context, error, "provider “%s” declared twice", id);
          return;
        }
    }
  if (!_todoke_parse_is_valid_id (id))
    {
      _todoke_parse_set_error (context, error, "provider id “%s” is invalid", id);
      return;
    }

  provider = g_new0 (TodokeProvider, 1);
  provider->id = g_intern_string (id);
  provider->name = g_strdup (name);
  provider->domains = g_ptr_array_new_with_free_func (g_free);
  provider->hosts = g_ptr_array_new_with_free_func (g_free);
  provider->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_phrase_free);
  g_ptr_array_add (state->self->providers, provider);
  state->provider = provider;
}

/* <group name="…" source="…">: the source stands for every rule of the
 * group that names none of its own. */
static void
start_group (GMarkupParseContext  *context,
             ParseState           *state,
             const char          **names,
             const char          **values,
             GError              **error)
{
  const char *source = NULL;

  g_markup_collect_attributes ("group", names, values, error,
                               G_MARKUP_COLLECT_STRING, "name", NULL,
                               G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "source", &source,
                               G_MARKUP_COLLECT_INVALID);
  state->group_source = source != NULL ? g_intern_string (source) : NULL;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  const char *parent = g_markup_parse_context_get_element_stack (context)->next
                       ? g_markup_parse_context_get_element_stack (context)->next->data
                       : NULL;

  g_string_truncate (state->text, 0);

  if (parent == NULL)
    {
      const char *root = state->kind == FILE_REASONS ? "todoke-reasons" : "todoke-rules";
      const char *version = NULL;

      if (strcmp (element, root) != 0)
        {
          _todoke_parse_set_error (context, error, "root element must be <%s>", root);
          return;
        }
      if (g_markup_collect_attributes (element, names, values, error,
                                       G_MARKUP_COLLECT_STRING, "version", &version,
                                       G_MARKUP_COLLECT_INVALID) &&
          strcmp (version, "1") != 0)
        _todoke_parse_set_error (context, error, "unsupported format version “%s”", version);
      return;
    }

  if (state->kind == FILE_REASONS)
    {
      if (strcmp (element, "reason") == 0 && strcmp (parent, "todoke-reasons") == 0)
        start_reason (context, state, names, values, error);
      else
        _todoke_parse_set_error (context, error, "unexpected element <%s>", element);
      return;
    }

  if (strcmp (parent, "todoke-rules") == 0 || strcmp (parent, "group") == 0)
    {
      if (strcmp (element, "rule") == 0)
        _todoke_parse_start_rule (context, state, names, values, error);
      else if (strcmp (element, "provider") == 0 && strcmp (parent, "todoke-rules") == 0)
        start_provider (context, state, names, values, error);
      else if (strcmp (element, "words") == 0 && strcmp (parent, "todoke-rules") == 0)
        _todoke_parse_start_words (context, state, names, values, error);
      else if (strcmp (element, "group") == 0 && strcmp (parent, "todoke-rules") == 0)
        start_group (context, state, names, values, error);
      else
        _todoke_parse_set_error (context, error, "unexpected element <%s>", element);
      return;
    }

  if ((strcmp (parent, "rule") == 0 && g_strv_contains (_todoke_parse_rule_leaves, element)) ||
      (strcmp (parent, "words") == 0 && strcmp (element, "w") == 0) ||
      (strcmp (parent, "provider") == 0 &&
       (strcmp (element, "domain") == 0 || strcmp (element, "host") == 0 ||
        strcmp (element, "text") == 0)))
    {
      if (names[0] != NULL)
        _todoke_parse_set_error (context, error, "<%s> takes no attribute “%s”", element, names[0]);
      return;
    }

  _todoke_parse_set_error (context, error, "unexpected element <%s> in <%s>", element, parent);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;
  g_autofree char *value = g_strstrip (g_strdup (state->text->str));
  const char *parent = g_markup_parse_context_get_element_stack (context)->next
                       ? g_markup_parse_context_get_element_stack (context)->next->data
                       : NULL;

  g_string_truncate (state->text, 0);

  if (strcmp (element, "rule") == 0 && g_strcmp0 (parent, "provider") != 0)
    {
      _todoke_parse_end_rule (context, state, error);
      return;
    }
  if (strcmp (element, "words") == 0)
    {
      _todoke_parse_end_words (context, state, error);
      return;
    }
  if (strcmp (element, "group") == 0)
    {
      state->group_source = NULL;
      return;
    }
  if (strcmp (element, "provider") == 0 && g_strcmp0 (parent, "rule") != 0)
    {
      state->provider = NULL;
      return;
    }
  if (parent == NULL || state->kind == FILE_REASONS)
    return;

  if (strcmp (parent, "words") == 0)
    _todoke_parse_word (context, state, value, error);
  else if (strcmp (parent, "rule") == 0 && state->rule != NULL)
    {
      if (*value == '\0')
        _todoke_parse_set_error (context, error, "empty <%s> in rule “%s”", element, state->rule->id);
      else
        _todoke_parse_rule_leaf (context, state, element, value, error);
    }
  else if (strcmp (parent, "provider") == 0 && state->provider != NULL)
    {
      if (*value == '\0' || (strcmp (element, "text") != 0 && strchr (value, ' ') != NULL))
        _todoke_parse_set_error (context, error, "invalid <%s> “%s”", element, value);
      else if (strcmp (element, "domain") == 0)
        g_ptr_array_add (state->provider->domains, g_ascii_strdown (value, -1));
      else if (strcmp (element, "host") == 0)
        g_ptr_array_add (state->provider->hosts, g_ascii_strdown (value, -1));
      else
        {
          TodokePhrase *phrase = _todoke_phrase_new (value, error);

          if (phrase != NULL)
            g_ptr_array_add (state->provider->markers, phrase);
        }
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  g_string_append_len (state->text, text, length);
}

static const GMarkupParser rules_parser = {
  start_element, end_element, text_cb, NULL, NULL
};

static gboolean check_parents (TodokeRuleSet  *self,
                               GHashTable     *lines,
                               GError        **error);

gboolean
_todoke_rule_set_parse (TodokeRuleSet  *self,
                        gboolean        reasons,
                        GBytes         *bytes,
                        GError        **error)
{
  FileKind kind = reasons ? FILE_REASONS : FILE_RULES;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  ParseState state = { self, kind, NULL, NULL, NULL, NULL, text, pending, lines };
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  guint i;

  /* An empty GBytes may hold no pointer at all: GMarkup wants one. */
  if (data == NULL)
    data = "";
  context = g_markup_parse_context_new (&rules_parser, G_MARKUP_PREFIX_ERROR_POSITION,
                                        &state, NULL);
  if (!g_markup_parse_context_parse (context, data, size, error) ||
      !g_markup_parse_context_end_parse (context, error))
    return FALSE;

  for (i = 0; i < pending->len; i++)
    {
      TodokeRule *rule = g_ptr_array_index (pending, i);
      guint j;

      for (j = 0; j < rule->providers->len; j++)
        if (_todoke_rule_set_get_provider_name (self, g_ptr_array_index (rule->providers, j)) == NULL)
          {
            g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                         "line %d: rule “%s” names the undeclared provider “%s”",
                         GPOINTER_TO_INT (g_hash_table_lookup (lines, rule->id)), rule->id,
                         (const char *) g_ptr_array_index (rule->providers, j));
            return FALSE;
          }
    }

  /* Parents may be declared after their children: check once all are read. */
  if (kind == FILE_REASONS)
    return check_parents (self, lines, error);

  return TRUE;
}

static gboolean
check_parents (TodokeRuleSet  *self,
               GHashTable     *lines,
               GError        **error)
{
  GHashTableIter iter;
  TodokeReasonInfo *info;

  g_hash_table_iter_init (&iter, self->reasons);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    if (info->parent != NULL &&
        (!g_hash_table_contains (self->reasons, info->parent) ||
         ((TodokeReasonInfo *) g_hash_table_lookup (self->reasons, info->parent))->parent != NULL))
      {
        g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                     "line %d: reason “%s” has an unknown or nested parent “%s”",
                     GPOINTER_TO_INT (g_hash_table_lookup (lines, info->id)), info->id, info->parent);
        return FALSE;
      }

  return TRUE;
}

/* Name -> provider, so that a lookup costs a hash probe per label of the
 * host name instead of a comparison with every name of every provider. The
 * first provider to declare a name keeps it. */
