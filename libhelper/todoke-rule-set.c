/* todoke-rule-set.c: the loaded rule data, its life and its lookups
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-guide-book-private.h"
#include "todoke-helper-resources.h"
#include "todoke-rule-set-private.h"
#include "todoke-text-private.h"

#define RESOURCE_PATH "/io/github/todoke/helper/"

G_DEFINE_BOXED_TYPE (TodokeRuleSet, todoke_rule_set, todoke_rule_set_ref, todoke_rule_set_unref)

void
_todoke_provider_free (TodokeProvider *provider)
{
  g_free (provider->name);
  g_ptr_array_unref (provider->domains);
  g_ptr_array_unref (provider->hosts);
  g_ptr_array_unref (provider->markers);
  g_free (provider);
}

void
_todoke_rule_free (TodokeRule *rule)
{
  g_clear_pointer (&rule->providers, g_ptr_array_unref);
  g_clear_pointer (&rule->statuses, g_ptr_array_unref);
  g_clear_pointer (&rule->replies, g_ptr_array_unref);
  g_clear_pointer (&rule->actions, g_ptr_array_unref);
  g_clear_pointer (&rule->hints, g_ptr_array_unref);
  g_clear_pointer (&rule->client_errors, g_ptr_array_unref);
  g_clear_pointer (&rule->texts, g_ptr_array_unref);
  g_clear_pointer (&rule->text_keys, g_free);
  g_clear_pointer (&rule->concepts, g_ptr_array_unref);
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
  g_clear_pointer (&self->word_classes, g_hash_table_unref);
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
  self->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_provider_free);
  self->word_classes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _todoke_word_class_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_rule_free);
  self->rule_ids = g_hash_table_new (NULL, NULL);
  self->guides_xml = guides_xml != NULL ? g_bytes_ref (guides_xml) : NULL;

  if (!_todoke_rule_set_parse (self, TRUE, reasons_xml, &local_error) ||
      !_todoke_rule_set_parse (self, FALSE, rules_xml, &local_error))
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

  _todoke_rule_set_index (self);

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
