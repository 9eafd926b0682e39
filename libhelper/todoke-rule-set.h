/* todoke-rule-set.h
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(TODOKE_INSIDE) && !defined(TODOKE_COMPILATION)
# error "Only <todoke.h> can be included directly."
#endif

#include <gio/gio.h>

#include "todoke-types.h"

G_BEGIN_DECLS

#define TODOKE_TYPE_RULE_SET (todoke_rule_set_get_type ())

TODOKE_AVAILABLE_IN_ALL
GType          todoke_rule_set_get_type       (void) G_GNUC_CONST;
TODOKE_AVAILABLE_IN_ALL
TodokeRuleSet *todoke_rule_set_new_default    (GError        **error);
TODOKE_AVAILABLE_IN_ALL
TodokeRuleSet *todoke_rule_set_new_from_bytes (GBytes         *reasons_xml,
                                               GBytes         *rules_xml,
                                               GBytes         *guides_xml,
                                               GError        **error);
TODOKE_AVAILABLE_IN_ALL
TodokeRuleSet *todoke_rule_set_ref            (TodokeRuleSet  *self);
TODOKE_AVAILABLE_IN_ALL
void           todoke_rule_set_unref          (TodokeRuleSet  *self);
TODOKE_AVAILABLE_IN_ALL
GStrv          todoke_rule_set_dup_reason_ids (TodokeRuleSet  *self);
TODOKE_AVAILABLE_IN_ALL
gboolean       todoke_rule_set_has_reason     (TodokeRuleSet  *self,
                                               const char     *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeRuleSet, todoke_rule_set_unref)

G_END_DECLS
