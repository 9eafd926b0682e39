/* todoke-rule-set-match.c: the first rule whose conditions all hold
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-rule-set-private.h"

/* Rules with words are tried often: a rule's phrase keys sit in one
 * array, so that most rules are ruled out without touching a phrase. */
static gboolean
any_keyed_phrase (const TodokeRule  *rule,
                  const TodokeFacts *facts)
{
  guint i;

  if (rule->texts == NULL)
    return FALSE;
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

/* A concept is an alternative to the rule's phrases: its word classes
 * meet in one clause. */
static gboolean
any_concept (const TodokeRule  *rule,
             const TodokeFacts *facts)
{
  guint i;

  if (rule->concepts == NULL)
    return FALSE;
  for (i = 0; i < rule->concepts->len; i++)
    if (_todoke_concept_matches (g_ptr_array_index (rule->concepts, i), facts->text,
                                 facts->clauses, facts->bigrams))
      return TRUE;

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
  if ((rule->texts != NULL || rule->concepts != NULL) &&
      !any_keyed_phrase (rule, facts) && !any_concept (rule, facts))
    return FALSE;
  if (rule->not_texts != NULL && any_phrase (rule->not_texts, facts))
    return FALSE;

  return TRUE;
}

/* Walks the rules of the facts' context in order. Nothing is written
 * anywhere but on the stack: any number of threads may match at once. */
const TodokeRule *
_todoke_rule_set_match (TodokeRuleSet     *self,
                        const TodokeFacts *facts)
{
  GPtrArray *rules = facts->context == TODOKE_CONTEXT_SEND ? self->send_rules : self->bounce_rules;
  TodokeFacts with_clauses;
  TodokeBigrams bigrams;
  TodokeClauses clauses;
  guint i;

  if (facts->clauses == NULL || facts->bigrams == NULL)
    {
      with_clauses = *facts;
      if (facts->bigrams == NULL)
        {
          _todoke_bigrams_fill (&bigrams, facts->text, facts->text_length);
          with_clauses.bigrams = &bigrams;
        }
      _todoke_clauses_fill (&clauses, facts->text, facts->text_length);
      with_clauses.clauses = &clauses;
      facts = &with_clauses;
    }

  for (i = 0; i < rules->len; i++)
    {
      const TodokeRule *rule = g_ptr_array_index (rules, i);

      if (rule_holds (rule, facts))
        return rule;
    }

  return NULL;
}
