/* todoke-rule-set.c: loads and checks reasons, providers and rules
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-guide-private.h"
#include "todoke-helper-resources.h"
#include "todoke-rule-set-private.h"
#include "todoke-text-private.h"

#define RESOURCE_PATH "/io/github/todoke/helper/"

struct _TodokeRuleSet
{
  GHashTable *reasons;    /* interned id -> TodokeReasonInfo (owned) */
  GPtrArray  *reason_ids; /* declaration order */
  GPtrArray  *providers;  /* TodokeProvider (owned) */
  GPtrArray  *rules;      /* TodokeRule (owned), in priority order */
  GHashTable *rule_ids;   /* interned id set, for duplicate checks */
  GPtrArray  *bounce_rules; /* the rules that apply inside bounces, in order (borrowed) */
  GPtrArray  *send_rules;   /* the rules that apply to replies while sending (borrowed) */
  GHashTable *domain_index; /* lower-case domain -> provider id (interned) */
  GHashTable *host_index;   /* lower-case host name -> provider id (interned) */
  GBytes     *guides_xml; /* nullable; parsed by todoke-guide.c */
  gsize       guide_book; /* TodokeGuideBook *, built on first use */
};

G_DEFINE_BOXED_TYPE (TodokeRuleSet, todoke_rule_set, todoke_rule_set_ref, todoke_rule_set_unref)

static void
provider_free (TodokeProvider *provider)
{
  g_free (provider->name);
  g_ptr_array_unref (provider->domains);
  g_ptr_array_unref (provider->hosts);
  g_ptr_array_unref (provider->markers);
  g_free (provider);
}

static void
rule_free (TodokeRule *rule)
{
  g_clear_pointer (&rule->providers, g_ptr_array_unref);
  g_clear_pointer (&rule->statuses, g_ptr_array_unref);
  g_clear_pointer (&rule->replies, g_ptr_array_unref);
  g_clear_pointer (&rule->actions, g_ptr_array_unref);
  g_clear_pointer (&rule->hints, g_ptr_array_unref);
  g_clear_pointer (&rule->client_errors, g_ptr_array_unref);
  g_clear_pointer (&rule->texts, g_ptr_array_unref);
  g_clear_pointer (&rule->text_keys, g_free);
  g_clear_pointer (&rule->not_texts, g_ptr_array_unref);
  g_free (rule);
}

static void
rule_set_free (TodokeRuleSet *self)
{
  g_clear_pointer (&self->reasons, g_hash_table_unref);
  g_clear_pointer (&self->reason_ids, g_ptr_array_unref);
  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->rule_ids, g_hash_table_unref);
  g_clear_pointer (&self->bounce_rules, g_ptr_array_unref);
  g_clear_pointer (&self->send_rules, g_ptr_array_unref);
  g_clear_pointer (&self->domain_index, g_hash_table_unref);
  g_clear_pointer (&self->host_index, g_hash_table_unref);
  g_clear_pointer (&self->guides_xml, g_bytes_unref);
  _todoke_guide_book_free ((TodokeGuideBook *) self->guide_book);
}

/**
 * todoke_rule_set_ref:
 * @self: a #TodokeRuleSet
 *
 * Takes a reference. A rule set never changes once loaded, so it can be
 * shared between threads and classifiers.
 *
 * Returns: (transfer full): @self
 */
TodokeRuleSet *
todoke_rule_set_ref (TodokeRuleSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

/**
 * todoke_rule_set_unref:
 * @self: (transfer full): a #TodokeRuleSet
 *
 * Drops a reference; the last one frees the rule set.
 */
void
todoke_rule_set_unref (TodokeRuleSet *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) rule_set_free);
}

/* ---- parsing ----------------------------------------------------------- */

typedef enum
{
  FILE_REASONS,
  FILE_RULES,
} FileKind;

typedef struct
{
  TodokeRuleSet  *self;
  FileKind        kind;
  TodokeProvider *provider;  /* open <provider> */
  TodokeRule     *rule;      /* open <rule> */
  GString        *text;      /* character data of the open leaf */
  GPtrArray      *pending_providers; /* (rule, provider id) pairs checked at the end */
  GHashTable     *lines;     /* interned reason or rule id -> line, for the checks at the end */
} ParseState;

static void
remember_line (GMarkupParseContext *context,
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

static gboolean
parse_severity (const char         *value,
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

static gboolean
is_valid_id (const char *id)
{
  const char *p;

  if (id == NULL || *id == '\0')
    return FALSE;
  for (p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static void
set_markup_error (GMarkupParseContext  *context,
                  GError              **error,
                  const char           *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
set_markup_error (GMarkupParseContext  *context,
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

  if (!is_valid_id (id) || g_hash_table_contains (state->self->reasons, g_intern_string (id)))
    {
      set_markup_error (context, error, "reason id “%s” is invalid or declared twice", id);
      return;
    }

  remember_line (context, state, id);
  info = g_new0 (TodokeReasonInfo, 1);
  info->id = g_intern_string (id);
  info->parent = parent != NULL ? g_intern_string (parent) : NULL;
  info->group = g_intern_string (group);
  g_hash_table_insert (state->self->reasons, (gpointer) info->id, info);
  g_ptr_array_add (state->self->reason_ids, (gpointer) info->id);

  if (!parse_severity (severity, &info->severity, &info->severity_rule) ||
      !parse_owner (owner, &info->owner) ||
      !parse_bool (retry, &info->retry))
    set_markup_error (context, error, "reason “%s” has an invalid severity, owner or retry", id);
}

static GPtrArray *ensure (GPtrArray      **array,
                          GDestroyNotify   free_func);

static void
start_rule (GMarkupParseContext  *context,
            ParseState           *state,
            const char          **names,
            const char          **values,
            GError              **error)
{
  const char *id = NULL, *reason = NULL, *contexts = NULL, *severity = NULL;
  const char *providers = NULL;
  TodokeRule *rule;

  if (!g_markup_collect_attributes ("rule", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "reason", &reason,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "context", &contexts,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "severity", &severity,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "provider", &providers,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  rule = g_new0 (TodokeRule, 1);
  rule->id = g_intern_string (id);
  g_ptr_array_add (state->self->rules, rule);
  state->rule = rule;

  if (!is_valid_id (id) || !g_hash_table_add (state->self->rule_ids, (gpointer) rule->id))
    {
      set_markup_error (context, error, "rule id “%s” is invalid or used twice", id);
      return;
    }
  rule->reason = g_hash_table_lookup (state->self->reasons, g_intern_string (reason));
  if (rule->reason == NULL)
    {
      set_markup_error (context, error, "rule “%s” names the undeclared reason “%s”", id, reason);
      return;
    }

  if (contexts == NULL)
    rule->contexts = g_str_has_prefix (reason, "send_") ? TODOKE_CONTEXT_SEND
                                                        : TODOKE_CONTEXT_SEND | TODOKE_CONTEXT_BOUNCE;
  else if (strcmp (contexts, "send") == 0)
    rule->contexts = TODOKE_CONTEXT_SEND;
  else if (strcmp (contexts, "bounce") == 0)
    rule->contexts = TODOKE_CONTEXT_BOUNCE;
  else if (strcmp (contexts, "any") == 0)
    rule->contexts = TODOKE_CONTEXT_SEND | TODOKE_CONTEXT_BOUNCE;
  else
    {
      set_markup_error (context, error, "rule “%s”: context must be send, bounce or any", id);
      return;
    }

  if (providers != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (providers, " ", -1);
      guint i;

      for (i = 0; ids[i] != NULL; i++)
        if (*ids[i] != '\0')
          {
            g_ptr_array_add (ensure (&rule->providers, NULL), (gpointer) g_intern_string (ids[i]));
            g_ptr_array_add (state->pending_providers, rule);
            remember_line (context, state, rule->id);
          }
    }

  if (severity != NULL)
    {
      TodokeSeverityRule ignored;

      rule->has_severity = TRUE;
      if (!parse_severity (severity, &rule->severity, &ignored))
        set_markup_error (context, error, "rule “%s”: invalid severity “%s”", id, severity);
    }
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
          set_markup_error (context, error, "provider “%s” declared twice", id);
          return;
        }
    }
  if (!is_valid_id (id))
    {
      set_markup_error (context, error, "provider id “%s” is invalid", id);
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

static const char * const rule_leaves[] = {
  "provider", "status", "reply", "command", "text", "not-text", "action", "hint",
  "client-error", NULL
};

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
          set_markup_error (context, error, "root element must be <%s>", root);
          return;
        }
      if (g_markup_collect_attributes (element, names, values, error,
                                       G_MARKUP_COLLECT_STRING, "version", &version,
                                       G_MARKUP_COLLECT_INVALID) &&
          strcmp (version, "1") != 0)
        set_markup_error (context, error, "unsupported format version “%s”", version);
      return;
    }

  if (state->kind == FILE_REASONS)
    {
      if (strcmp (element, "reason") == 0 && strcmp (parent, "todoke-reasons") == 0)
        start_reason (context, state, names, values, error);
      else
        set_markup_error (context, error, "unexpected element <%s>", element);
      return;
    }

  if (strcmp (parent, "todoke-rules") == 0 || strcmp (parent, "group") == 0)
    {
      if (strcmp (element, "rule") == 0)
        start_rule (context, state, names, values, error);
      else if (strcmp (element, "provider") == 0 && strcmp (parent, "todoke-rules") == 0)
        start_provider (context, state, names, values, error);
      else if (strcmp (element, "group") == 0 && strcmp (parent, "todoke-rules") == 0)
        g_markup_collect_attributes (element, names, values, error,
                                     G_MARKUP_COLLECT_STRING, "name", NULL,
                                     G_MARKUP_COLLECT_INVALID);
      else
        set_markup_error (context, error, "unexpected element <%s>", element);
      return;
    }

  if ((strcmp (parent, "rule") == 0 && g_strv_contains (rule_leaves, element)) ||
      (strcmp (parent, "provider") == 0 &&
       (strcmp (element, "domain") == 0 || strcmp (element, "host") == 0 ||
        strcmp (element, "text") == 0)))
    {
      if (names[0] != NULL)
        set_markup_error (context, error, "<%s> takes no attribute “%s”", element, names[0]);
      return;
    }

  set_markup_error (context, error, "unexpected element <%s> in <%s>", element, parent);
}

static GPtrArray *
ensure (GPtrArray      **array,
        GDestroyNotify   free_func)
{
  if (*array == NULL)
    *array = g_ptr_array_new_with_free_func (free_func);

  return *array;
}

static void
end_rule_leaf (GMarkupParseContext  *context,
               ParseState           *state,
               const char           *element,
               const char           *value,
               GError              **error)
{
  TodokeRule *rule = state->rule;

  if (strcmp (element, "text") == 0 || strcmp (element, "not-text") == 0)
    {
      g_autoptr(GError) phrase_error = NULL;
      TodokePhrase *phrase = _todoke_phrase_new (value, &phrase_error);

      if (phrase == NULL)
        set_markup_error (context, error, "rule “%s”: %s", rule->id, phrase_error->message);
      else
        g_ptr_array_add (ensure (element[0] == 't' ? &rule->texts : &rule->not_texts,
                                 (GDestroyNotify) _todoke_phrase_free), phrase);
    }
  else if (strcmp (element, "status") == 0)
    {
      if (!_todoke_status_pattern_is_valid (value))
        set_markup_error (context, error, "rule “%s”: invalid status “%s”", rule->id, value);
      else
        g_ptr_array_add (ensure (&rule->statuses, g_free), g_strdup (value));
    }
  else if (strcmp (element, "reply") == 0)
    {
      if (!_todoke_reply_pattern_is_valid (value))
        set_markup_error (context, error, "rule “%s”: invalid reply code “%s”", rule->id, value);
      else
        g_ptr_array_add (ensure (&rule->replies, g_free), g_strdup (value));
    }
  else if (strcmp (element, "command") == 0)
    {
      TodokeCommand command = _todoke_command_from_text (value);

      if (command == TODOKE_COMMAND_NONE ||
          g_strcmp0 (_todoke_command_to_string (command), value) != 0)
        set_markup_error (context, error, "rule “%s”: unknown command “%s”", rule->id, value);
      else
        rule->commands |= 1u << command;
    }
  else if (strcmp (element, "provider") == 0)
    {
      g_ptr_array_add (ensure (&rule->providers, NULL), (gpointer) g_intern_string (value));
      g_ptr_array_add (state->pending_providers, rule);
      remember_line (context, state, rule->id);
    }
  else if (strcmp (element, "action") == 0)
    g_ptr_array_add (ensure (&rule->actions, g_free), g_ascii_strdown (value, -1));
  else if (strcmp (element, "hint") == 0)
    g_ptr_array_add (ensure (&rule->hints, NULL), (gpointer) g_intern_string (value));
  else if (strcmp (element, "client-error") == 0)
    g_ptr_array_add (ensure (&rule->client_errors, g_free), g_strdup (value));
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
      TodokeRule *rule = state->rule;

      state->rule = NULL;
      if (rule != NULL && rule->reason != NULL &&
          rule->texts == NULL && rule->statuses == NULL && rule->replies == NULL &&
          rule->hints == NULL && rule->client_errors == NULL && rule->actions == NULL)
        set_markup_error (context, error, "rule “%s” has no condition", rule->id);
      return;
    }
  if (strcmp (element, "provider") == 0 && g_strcmp0 (parent, "rule") != 0)
    {
      state->provider = NULL;
      return;
    }
  if (parent == NULL || state->kind == FILE_REASONS)
    return;

  if (strcmp (parent, "rule") == 0 && state->rule != NULL)
    {
      if (*value == '\0')
        set_markup_error (context, error, "empty <%s> in rule “%s”", element, state->rule->id);
      else
        end_rule_leaf (context, state, element, value, error);
    }
  else if (strcmp (parent, "provider") == 0 && state->provider != NULL)
    {
      if (*value == '\0' || (strcmp (element, "text") != 0 && strchr (value, ' ') != NULL))
        set_markup_error (context, error, "invalid <%s> “%s”", element, value);
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

static gboolean
parse_file (TodokeRuleSet  *self,
            FileKind        kind,
            GBytes         *bytes,
            GError        **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  ParseState state = { self, kind, NULL, NULL, text, pending, lines };
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
static void
index_providers (TodokeRuleSet *self)
{
  guint i, j;

  self->domain_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->host_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; i < self->providers->len; i++)
    {
      TodokeProvider *p = g_ptr_array_index (self->providers, i);

      for (j = 0; j < p->domains->len; j++)
        if (!g_hash_table_contains (self->domain_index, g_ptr_array_index (p->domains, j)))
          g_hash_table_insert (self->domain_index, g_ptr_array_index (p->domains, j), (gpointer) p->id);
      for (j = 0; j < p->hosts->len; j++)
        if (!g_hash_table_contains (self->host_index, g_ptr_array_index (p->hosts, j)))
          g_hash_table_insert (self->host_index, g_ptr_array_index (p->hosts, j), (gpointer) p->id);
    }
}

static void
key_rules (TodokeRuleSet *self)
{
  guint i, j;

  /* A bounce never needs the ~100 rules of the sending side, nor the
   * reverse: each context walks its own list. */
  self->bounce_rules = g_ptr_array_new ();
  self->send_rules = g_ptr_array_new ();
  for (i = 0; i < self->rules->len; i++)
    {
      TodokeRule *rule = g_ptr_array_index (self->rules, i);

      if (rule->contexts & TODOKE_CONTEXT_BOUNCE)
        g_ptr_array_add (self->bounce_rules, rule);
      if (rule->contexts & TODOKE_CONTEXT_SEND)
        g_ptr_array_add (self->send_rules, rule);
    }

  for (i = 0; i < self->rules->len; i++)
    {
      TodokeRule *rule = g_ptr_array_index (self->rules, i);

      if (rule->texts == NULL)
        continue;
      rule->text_keys = g_new (guint16, rule->texts->len);
      for (j = 0; j < rule->texts->len; j++)
        rule->text_keys[j] = _todoke_phrase_get_key (g_ptr_array_index (rule->texts, j));
    }
}

/**
 * todoke_rule_set_new_from_bytes:
 * @reasons_xml: the reason declarations (`todoke-reasons.xml`)
 * @rules_xml: the providers and rules (`todoke-rules.xml`)
 * @guides_xml: (nullable): the merged guides (`todoke-guides.xml`)
 * @error: return location for a #GError
 *
 * Loads and checks rule data: unknown elements, undeclared reasons or
 * providers, duplicate ids and malformed codes or patterns are errors of
 * %TODOKE_ERROR_INVALID_DATA with the line that holds them.
 *
 * Returns: (transfer full): a new rule set, or %NULL with @error set
 */
TodokeRuleSet *
todoke_rule_set_new_from_bytes (GBytes  *reasons_xml,
                                GBytes  *rules_xml,
                                GBytes  *guides_xml,
                                GError **error)
{
  g_autoptr(GError) local_error = NULL;
  TodokeRuleSet *self;

  g_return_val_if_fail (reasons_xml != NULL, NULL);
  g_return_val_if_fail (rules_xml != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_atomic_rc_box_new0 (TodokeRuleSet);
  self->reasons = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->reason_ids = g_ptr_array_new ();
  self->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) provider_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->rule_ids = g_hash_table_new (NULL, NULL);
  self->guides_xml = guides_xml != NULL ? g_bytes_ref (guides_xml) : NULL;

  if (!parse_file (self, FILE_REASONS, reasons_xml, &local_error) ||
      !parse_file (self, FILE_RULES, rules_xml, &local_error))
    {
      /* GMarkup's own errors (malformed XML, missing or unknown attributes)
       * are invalid data to the caller like every other. */
      if (local_error->domain != TODOKE_ERROR)
        g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA,
                     "Invalid rule data: %s", local_error->message);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Invalid rule data: ");
      todoke_rule_set_unref (self);
      return NULL;
    }

  index_providers (self);
  key_rules (self);

  return self;
}

static GBytes *
lookup_resource (const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);

  return g_resource_lookup_data (todoke_helper_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/**
 * todoke_rule_set_new_default:
 * @error: return location for a #GError
 *
 * Loads the reasons, rules and guides built into the library.
 *
 * Returns: (transfer full): the built-in rule set, or %NULL with @error set
 */
TodokeRuleSet *
todoke_rule_set_new_default (GError **error)
{
  g_autoptr(GBytes) reasons = NULL;
  g_autoptr(GBytes) rules = NULL;
  g_autoptr(GBytes) guides = NULL;

  if ((reasons = lookup_resource ("todoke-reasons.xml", error)) == NULL ||
      (rules = lookup_resource ("todoke-rules.xml", error)) == NULL ||
      (guides = lookup_resource ("todoke-guides.xml", error)) == NULL)
    return NULL;

  return todoke_rule_set_new_from_bytes (reasons, rules, guides, error);
}

/**
 * todoke_rule_set_dup_reason_ids:
 * @self: a #TodokeRuleSet
 *
 * Lists every declared reason id in declaration order.
 *
 * Returns: (transfer full): a %NULL-terminated array of ids
 */
GStrv
todoke_rule_set_dup_reason_ids (TodokeRuleSet *self)
{
  GStrvBuilder *builder;
  GStrv ids;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  builder = g_strv_builder_new ();
  for (i = 0; i < self->reason_ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->reason_ids, i));
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ids;
}

/**
 * todoke_rule_set_has_reason:
 * @self: a #TodokeRuleSet
 * @reason: a reason id such as `mailboxfull`
 *
 * Returns: whether @reason is declared
 */
gboolean
todoke_rule_set_has_reason (TodokeRuleSet *self,
                            const char    *reason)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return reason != NULL && g_hash_table_contains (self->reasons, g_intern_string (reason));
}

/* ---- lookups ------------------------------------------------------------ */

const TodokeReasonInfo *
_todoke_rule_set_lookup_reason (TodokeRuleSet *self,
                                const char    *id)
{
  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->reasons, g_intern_string (id));
}

GPtrArray *
_todoke_rule_set_get_rules (TodokeRuleSet *self)
{
  return self->rules;
}

/* Guides are parsed on first use: classifying a bounce stream needs none. */
TodokeGuideBook *
_todoke_rule_set_get_guide_book (TodokeRuleSet *self)
{
  if (g_once_init_enter (&self->guide_book))
    {
      g_autoptr(GError) error = NULL;
      TodokeGuideBook *book = _todoke_guide_book_new (self->guides_xml, &error);

      if (book == NULL)
        {
          g_critical ("Invalid guide data: %s", error->message);
          book = _todoke_guide_book_new (NULL, NULL);
        }
      g_once_init_leave (&self->guide_book, (gsize) book);
    }

  return (TodokeGuideBook *) self->guide_book;
}

const char *
_todoke_rule_set_get_provider_name (TodokeRuleSet *self,
                                    const char    *provider)
{
  guint i;

  for (i = 0; i < self->providers->len; i++)
    {
      TodokeProvider *p = g_ptr_array_index (self->providers, i);

      if (p->id == provider || g_strcmp0 (p->id, provider) == 0)
        return p->name;
    }

  return NULL;
}

/* The provider of @host or of the nearest domain above it:
 * "mx1.mail.docomo.ne.jp" is tried whole, then "mail.docomo.ne.jp", … */
static const char *
provider_for_host (TodokeRuleSet *self,
                   const char    *host,
                   gboolean       as_domain)
{
  GHashTable *index = as_domain ? self->domain_index : self->host_index;
  char name[256];
  gsize length;
  const char *p;

  if (host == NULL || *host == '\0')
    return NULL;
  length = strlen (host);
  if (length >= sizeof name)
    return NULL;
  for (p = host; *p; p++)
    name[p - host] = g_ascii_tolower (*p);
  if (length > 0 && name[length - 1] == '.')
    length--;
  name[length] = '\0';

  for (p = name; p != NULL && *p; p = strchr (p, '.'), p = p != NULL ? p + 1 : NULL)
    {
      const char *found = g_hash_table_lookup (index, p);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The provider whose rules apply: the host that refused the message is the
 * best witness, then the recipient's domain, then the host that reported. */
const char *
_todoke_rule_set_find_provider (TodokeRuleSet *self,
                                const char    *recipient_domain,
                                const char    *remote_host,
                                const char    *reporting_mta)
{
  const char *found = provider_for_host (self, remote_host, FALSE);

  if (found == NULL)
    found = provider_for_host (self, recipient_domain, TRUE);
  if (found == NULL)
    found = provider_for_host (self, reporting_mta, FALSE);

  return found;
}

/* With no host or domain to go by (a reply pasted on its own), a
 * provider's own marks in the text: "gsmtp", "RP-001", "[TSS04]". */
const char *
_todoke_rule_set_find_provider_by_text (TodokeRuleSet       *self,
                                        const char          *text,
                                        gsize                length,
                                        const TodokeBigrams *bigrams)
{
  guint i, j;

  for (i = 0; i < self->providers->len; i++)
    {
      TodokeProvider *p = g_ptr_array_index (self->providers, i);

      for (j = 0; j < p->markers->len; j++)
        {
          const TodokePhrase *phrase = g_ptr_array_index (p->markers, j);

          if (_todoke_phrase_may_occur (phrase, bigrams) &&
              _todoke_phrase_matches (phrase, text, length))
            return p->id;
        }
    }

  return NULL;
}

/* ---- matching ----------------------------------------------------------- */

/* Rules with words are tried often: a rule's phrase keys sit in one
 * array, so that most rules are ruled out without touching a phrase. */
static gboolean
any_keyed_phrase (const TodokeRule  *rule,
                  const TodokeFacts *facts)
{
  guint i;

  for (i = 0; i < rule->texts->len; i++)
    if (_todoke_bigrams_has (facts->bigrams, rule->text_keys[i]) &&
        _todoke_phrase_matches (g_ptr_array_index (rule->texts, i), facts->text, facts->text_length))
      return TRUE;

  return FALSE;
}

static gboolean
any_phrase (GPtrArray         *phrases,
            const TodokeFacts *facts)
{
  guint i;

  for (i = 0; i < phrases->len; i++)
    {
      const TodokePhrase *phrase = g_ptr_array_index (phrases, i);

      if (_todoke_phrase_may_occur (phrase, facts->bigrams) &&
          _todoke_phrase_matches (phrase, facts->text, facts->text_length))
        return TRUE;
    }

  return FALSE;
}

static gboolean
any_pointer (GPtrArray     *values,
             gconstpointer  value)
{
  guint i;

  for (i = 0; i < values->len; i++)
    if (g_ptr_array_index (values, i) == value)
      return TRUE;

  return FALSE;
}

static gboolean
rule_holds (const TodokeRule  *rule,
            const TodokeFacts *facts)
{
  const TodokeRecord *record = facts->record;
  guint i;

  if ((rule->contexts & facts->context) == 0)
    return FALSE;
  if (rule->providers != NULL && (facts->provider == NULL ||
                                  !any_pointer (rule->providers, facts->provider)))
    return FALSE;
  if (rule->hints != NULL && (record->hint == NULL ||
                              !any_pointer (rule->hints, record->hint)))
    return FALSE;
  if (rule->commands != 0 && (rule->commands & (1u << record->command)) == 0)
    return FALSE;
  if (rule->actions != NULL)
    {
      gboolean found = FALSE;

      for (i = 0; !found && i < rule->actions->len; i++)
        found = g_strcmp0 (record->action, g_ptr_array_index (rule->actions, i)) == 0;
      if (!found)
        return FALSE;
    }
  if (rule->client_errors != NULL)
    {
      gboolean found = FALSE;

      for (i = 0; !found && facts->client_error && i < rule->client_errors->len; i++)
        found = g_ascii_strcasecmp (facts->client_error, g_ptr_array_index (rule->client_errors, i)) == 0;
      if (!found)
        return FALSE;
    }
  if (rule->statuses != NULL)
    {
      gboolean found = FALSE;

      for (i = 0; !found && i < rule->statuses->len; i++)
        found = _todoke_status_matches (g_ptr_array_index (rule->statuses, i), record->status);
      if (!found)
        return FALSE;
    }
  if (rule->replies != NULL)
    {
      gboolean found = FALSE;

      for (i = 0; !found && i < rule->replies->len; i++)
        found = _todoke_reply_matches (g_ptr_array_index (rule->replies, i), record->reply_code);
      if (!found)
        return FALSE;
    }
  if (rule->texts != NULL && !any_keyed_phrase (rule, facts))
    return FALSE;
  if (rule->not_texts != NULL && any_phrase (rule->not_texts, facts))
    return FALSE;

  return TRUE;
}

const TodokeRule *
_todoke_rule_set_match (TodokeRuleSet     *self,
                        const TodokeFacts *facts)
{
  GPtrArray *rules = facts->context == TODOKE_CONTEXT_SEND ? self->send_rules : self->bounce_rules;
  guint i;

  for (i = 0; i < rules->len; i++)
    {
      TodokeRule *rule = g_ptr_array_index (rules, i);

      if (rule_holds (rule, facts))
        {
          g_atomic_int_inc (&rule->hits);
          return rule;
        }
    }

  return NULL;
}

TodokeSeverity
_todoke_reason_info_severity (const TodokeReasonInfo *info,
                              const char             *status,
                              guint                   reply_code)
{
  if (info->severity_rule == TODOKE_SEVERITY_RULE_HARD_IF_PERMANENT)
    {
      gboolean temporary = (status != NULL && status[0] == '4') ||
                           (reply_code >= 400 && reply_code < 500);

      return temporary ? TODOKE_SEVERITY_SOFT : TODOKE_SEVERITY_HARD;
    }

  return info->severity;
}
