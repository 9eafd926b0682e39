/* todoke-rule-set-index.c: what the loader builds for fast lookups, and
 * the provider of a host, a domain or a reply
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-rule-set-private.h"

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
/* Built once while loading: the rule set never changes afterwards. */
void
_todoke_rule_set_index (TodokeRuleSet *self)
{
  index_providers (self);
  key_rules (self);
}

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

