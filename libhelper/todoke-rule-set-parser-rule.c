/* todoke-rule-set-parser-rule.c: the <rule> and <words> elements
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-rule-set-parser-private.h"

const char * const _todoke_parse_rule_leaves[] = {
  "provider", "status", "reply", "command", "text", "concept", "not-text", "action", "hint",
  "client-error", NULL
};

static GPtrArray *
ensure (GPtrArray      **array,
        GDestroyNotify   free_func)
{
  if (*array == NULL)
    *array = g_ptr_array_new_with_free_func (free_func);

  return *array;
}

void
_todoke_parse_start_rule (GMarkupParseContext  *context,
                          ParseState           *state,
                          const char          **names,
                          const char          **values,
                          GError              **error)
{
  const char *id = NULL, *reason = NULL, *contexts = NULL, *severity = NULL;
  const char *providers = NULL, *source = NULL;
  TodokeRule *rule;

  if (!g_markup_collect_attributes ("rule", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "reason", &reason,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "context", &contexts,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "severity", &severity,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "provider", &providers,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "source", &source,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  rule = g_new0 (TodokeRule, 1);
  rule->id = g_intern_string (id);
  rule->source = source != NULL ? g_intern_string (source) : state->group_source;
  g_ptr_array_add (state->self->rules, rule);
  state->rule = rule;

  if (!_todoke_parse_is_valid_id (id) || !g_hash_table_add (state->self->rule_ids, (gpointer) rule->id))
    {
      _todoke_parse_set_error (context, error, "rule id “%s” is invalid or used twice", id);
      return;
    }
  rule->reason = g_hash_table_lookup (state->self->reasons, g_intern_string (reason));
  if (rule->reason == NULL)
    {
      _todoke_parse_set_error (context, error, "rule “%s” names the undeclared reason “%s”", id, reason);
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
      _todoke_parse_set_error (context, error, "rule “%s”: context must be send, bounce or any", id);
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
            _todoke_parse_remember_line (context, state, rule->id);
          }
    }

  if (severity != NULL)
    {
      TodokeSeverityRule ignored;

      rule->has_severity = TRUE;
      if (!_todoke_parse_severity (severity, &rule->severity, &ignored))
        _todoke_parse_set_error (context, error, "rule “%s”: invalid severity “%s”", id, severity);
    }
}

void
_todoke_parse_rule_leaf (GMarkupParseContext  *context,
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
        _todoke_parse_set_error (context, error, "rule “%s”: %s", rule->id, phrase_error->message);
      else
        g_ptr_array_add (ensure (element[0] == 't' ? &rule->texts : &rule->not_texts,
                                 (GDestroyNotify) _todoke_phrase_free), phrase);
    }
  else if (strcmp (element, "concept") == 0)
    {
      g_autoptr(GError) concept_error = NULL;
      TodokeConcept *concept = _todoke_concept_new (value, state->self->word_classes, &concept_error);

      if (concept == NULL)
        _todoke_parse_set_error (context, error, "rule “%s”: %s", rule->id, concept_error->message);
      else
        g_ptr_array_add (ensure (&rule->concepts, (GDestroyNotify) _todoke_concept_free), concept);
    }
  else if (strcmp (element, "status") == 0)
    {
      if (!_todoke_status_pattern_is_valid (value))
        _todoke_parse_set_error (context, error, "rule “%s”: invalid status “%s”", rule->id, value);
      else
        g_ptr_array_add (ensure (&rule->statuses, g_free), g_strdup (value));
    }
  else if (strcmp (element, "reply") == 0)
    {
      if (!_todoke_reply_pattern_is_valid (value))
        _todoke_parse_set_error (context, error, "rule “%s”: invalid reply code “%s”", rule->id, value);
      else
        g_ptr_array_add (ensure (&rule->replies, g_free), g_strdup (value));
    }
  else if (strcmp (element, "command") == 0)
    {
      TodokeCommand command = _todoke_command_from_text (value);

      if (command == TODOKE_COMMAND_NONE ||
          g_strcmp0 (_todoke_command_to_string (command), value) != 0)
        _todoke_parse_set_error (context, error, "rule “%s”: unknown command “%s”", rule->id, value);
      else
        rule->commands |= 1u << command;
    }
  else if (strcmp (element, "provider") == 0)
    {
      g_ptr_array_add (ensure (&rule->providers, NULL), (gpointer) g_intern_string (value));
      g_ptr_array_add (state->pending_providers, rule);
      _todoke_parse_remember_line (context, state, rule->id);
    }
  else if (strcmp (element, "action") == 0)
    g_ptr_array_add (ensure (&rule->actions, g_free), g_ascii_strdown (value, -1));
  else if (strcmp (element, "hint") == 0)
    g_ptr_array_add (ensure (&rule->hints, NULL), (gpointer) g_intern_string (value));
  else if (strcmp (element, "client-error") == 0)
    g_ptr_array_add (ensure (&rule->client_errors, g_free), g_strdup (value));
}


void
_todoke_parse_end_rule (GMarkupParseContext  *context,
                        ParseState           *state,
                        GError              **error)
{
  TodokeRule *rule = state->rule;

  state->rule = NULL;
  if (rule != NULL && rule->reason != NULL &&
      rule->texts == NULL && rule->concepts == NULL && rule->statuses == NULL && rule->replies == NULL &&
      rule->hints == NULL && rule->client_errors == NULL && rule->actions == NULL)
    _todoke_parse_set_error (context, error, "rule “%s” has no condition", rule->id);
}

/* <words id="recipient" source="…">: a word class, declared before the
 * rules that use it. */
void
_todoke_parse_start_words (GMarkupParseContext  *context,
                           ParseState           *state,
                           const char          **names,
                           const char          **values,
                           GError              **error)
{
  const char *id = NULL, *source = NULL;

  if (!g_markup_collect_attributes ("words", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "source", &source,
                                    G_MARKUP_COLLECT_INVALID))
    return;
  if (!_todoke_parse_is_valid_id (id) ||
      g_hash_table_contains (state->self->word_classes, g_intern_string (id)))
    {
      _todoke_parse_set_error (context, error, "word class id “%s” is invalid or used twice", id);
      return;
    }
  if (*source == '\0')
    {
      _todoke_parse_set_error (context, error, "word class “%s” has an empty source", id);
      return;
    }

  state->word_class = _todoke_word_class_new (id, source);
  g_hash_table_insert (state->self->word_classes,
                       (gpointer) _todoke_word_class_get_id (state->word_class), state->word_class);
}

void
_todoke_parse_end_words (GMarkupParseContext  *context,
                         ParseState           *state,
                         GError              **error)
{
  TodokeWordClass *word_class = state->word_class;

  state->word_class = NULL;
  if (word_class != NULL && _todoke_word_class_get_size (word_class) == 0)
    _todoke_parse_set_error (context, error, "word class “%s” has no word",
                             _todoke_word_class_get_id (word_class));
}

void
_todoke_parse_word (GMarkupParseContext  *context,
                    ParseState           *state,
                    const char           *value,
                    GError              **error)
{
  g_autoptr(GError) word_error = NULL;

  if (state->word_class == NULL)
    return;
  if (*value == '\0')
    _todoke_parse_set_error (context, error, "empty <w> in word class “%s”",
                             _todoke_word_class_get_id (state->word_class));
  else if (!_todoke_word_class_add (state->word_class, value, &word_error))
    _todoke_parse_set_error (context, error, "%s", word_error->message);
}
