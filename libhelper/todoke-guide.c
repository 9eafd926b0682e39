/* todoke-guide.c: one localized guide, and looking guides up by reason
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "todoke-guide-private.h"
#include "todoke-rule-set-private.h"

struct _TodokeGuide
{
  const char     *reason;      /* interned */
  char           *language;
  char           *title;
  char           *explanation;
  char           *retry_text;
  GStrv           steps;
  GStrv           notes;

  /* From the reason's declaration (todoke-reasons.xml), when known */
  const char     *help_page;   /* interned, nullable */
  TodokeOwner     owner;
  TodokeSeverity  severity;
  gboolean        retry;
};

G_DEFINE_BOXED_TYPE (TodokeGuide, todoke_guide, todoke_guide_ref, todoke_guide_unref)

static void
guide_free (TodokeGuide *self)
{
  g_free (self->language);
  g_free (self->title);
  g_free (self->explanation);
  g_free (self->retry_text);
  g_strfreev (self->steps);
  g_strfreev (self->notes);
}

/* Takes @steps and @notes. */
TodokeGuide *
_todoke_guide_new (const char *reason,
                   const char *language,
                   const char *title,
                   const char *explanation,
                   const char *retry_text,
                   GStrv       steps,
                   GStrv       notes)
{
  TodokeGuide *self = g_atomic_rc_box_new0 (TodokeGuide);

  self->reason = g_intern_string (reason);
  self->language = g_strdup (language);
  self->title = g_strdup (title);
  self->explanation = g_strdup (explanation);
  self->retry_text = g_strdup (retry_text);
  self->steps = steps;
  self->notes = notes;
  self->owner = TODOKE_OWNER_UNKNOWN;
  self->severity = TODOKE_SEVERITY_SOFT;

  return self;
}

/**
 * todoke_guide_ref:
 * @self: a #TodokeGuide
 *
 * Returns: (transfer full): @self
 */
TodokeGuide *
todoke_guide_ref (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

/**
 * todoke_guide_unref:
 * @self: (transfer full): a #TodokeGuide
 *
 * Drops a reference.
 */
void
todoke_guide_unref (TodokeGuide *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) guide_free);
}

/**
 * todoke_rule_set_lookup_guide:
 * @rules: a #TodokeRuleSet
 * @reason: a reason id, such as `userunknown`, or a refinement (detail) id
 *   such as `filtered_jp_carrier`
 * @language: (nullable): a language such as `ja`, `ja_JP.UTF-8` or `en-US`;
 *   %NULL uses the process's languages
 * @client: (nullable): the mail client, such as `thunderbird` or `outlook`
 * @provider: (nullable): the provider id, such as `gmail` or `docomo`
 *
 * Finds the guide for a reason in the language asked for, each text
 * falling back to English where it has no translation. Steps written for
 * the provider win over steps for the client, which win over the general
 * steps; notes for the provider or the client are added. A refinement
 * without a guide of its own gets its parent's texts.
 *
 * Returns: (transfer full) (nullable): the guide, or %NULL if the reason has none
 */
TodokeGuide *
todoke_rule_set_lookup_guide (TodokeRuleSet *rules,
                              const char    *reason,
                              const char    *language,
                              const char    *client,
                              const char    *provider)
{
  TodokeGuideBook *book;
  const TodokeReasonInfo *info;
  TodokeGuide *self;

  g_return_val_if_fail (rules != NULL, NULL);

  if (reason == NULL)
    return NULL;
  book = _todoke_rule_set_get_guide_book (rules);
  info = _todoke_rule_set_lookup_reason (rules, reason);
  self = _todoke_guide_book_lookup (book, reason, language, client, provider);
  if (self == NULL && info != NULL && info->parent != NULL)
    self = _todoke_guide_book_lookup (book, info->parent, language, client, provider);
  if (self == NULL || info == NULL)
    return self;

  self->reason = info->id;
  self->help_page = info->group;
  self->owner = info->owner;
  self->severity = info->severity;
  self->retry = info->retry;

  return self;
}

/**
 * todoke_guide_get_reason:
 * @self: a #TodokeGuide
 *
 * Returns: the reason id the guide is for
 */
const char *
todoke_guide_get_reason (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reason;
}

/**
 * todoke_guide_get_language:
 * @self: a #TodokeGuide
 *
 * Returns: the language the guide was found in (`en` when untranslated)
 */
const char *
todoke_guide_get_language (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

/**
 * todoke_guide_get_title:
 * @self: a #TodokeGuide
 *
 * Returns: (nullable): what happened, in one line
 */
const char *
todoke_guide_get_title (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

/**
 * todoke_guide_get_explanation:
 * @self: a #TodokeGuide
 *
 * Returns: (nullable): why it happens, in a few sentences
 */
const char *
todoke_guide_get_explanation (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->explanation;
}

/**
 * todoke_guide_get_steps:
 * @self: a #TodokeGuide
 *
 * Returns: (transfer none) (array zero-terminated=1): the numbered steps, most likely fix first
 */
const char * const *
todoke_guide_get_steps (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->steps;
}

/**
 * todoke_guide_get_notes:
 * @self: a #TodokeGuide
 *
 * Returns: (transfer none) (array zero-terminated=1): notes for the provider or client
 */
const char * const *
todoke_guide_get_notes (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->notes;
}

/**
 * todoke_guide_get_owner:
 * @self: a #TodokeGuide
 *
 * Returns: who usually has to act for this reason
 */
TodokeOwner
todoke_guide_get_owner (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, TODOKE_OWNER_UNKNOWN);
  return self->owner;
}

/**
 * todoke_guide_get_severity:
 * @self: a #TodokeGuide
 *
 * Returns: the reason's usual severity; %TODOKE_SEVERITY_NONE for reports
 *   that are not failures (delivery notices, complaints, auto-replies)
 */
TodokeSeverity
todoke_guide_get_severity (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, TODOKE_SEVERITY_SOFT);
  return self->severity;
}

/**
 * todoke_guide_get_retry:
 * @self: a #TodokeGuide
 *
 * Returns: whether sending the same message again later can help
 */
gboolean
todoke_guide_get_retry (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->retry;
}

/**
 * todoke_guide_get_retry_text:
 * @self: a #TodokeGuide
 *
 * What to say about sending again, for the few reasons where the plain
 * "sending again later can work" would mislead (a delay the servers are
 * still working on, for example).
 *
 * Returns: (nullable): the sentence, or %NULL to use the shared label
 */
const char *
todoke_guide_get_retry_text (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->retry_text;
}

/**
 * todoke_guide_get_help_page:
 * @self: a #TodokeGuide
 *
 * The help page that explains this kind of failure in more depth, such as
 * `address`. Yelp opens it as `help:todoke/address`; the same page is
 * installed as HTML for desktops without a help browser.
 *
 * Returns: (nullable): the page id
 */
const char *
todoke_guide_get_help_page (TodokeGuide *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->help_page;
}

/**
 * todoke_rule_set_lookup_text:
 * @rules: a #TodokeRuleSet
 * @id: a label id from the guides file, such as `steps` or `owner-sender`
 * @language: (nullable): the language, as for todoke_rule_set_lookup_guide()
 *
 * Looks up one of the short labels every guide shares ("What to do",
 * "Who has to act: you"), so that a program can show a guide in a language
 * other than its own.
 *
 * Returns: (nullable): the label, or %NULL if there is no such label
 */
const char *
todoke_rule_set_lookup_text (TodokeRuleSet *rules,
                             const char    *id,
                             const char    *language)
{
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _todoke_guide_book_get_text (_todoke_rule_set_get_guide_book (rules), id, language);
}
