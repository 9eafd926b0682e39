/* todoke-guide.h
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(TODOKE_INSIDE) && !defined(TODOKE_COMPILATION)
# error "Only <todoke.h> can be included directly."
#endif

#include "todoke-types.h"

G_BEGIN_DECLS

#define TODOKE_TYPE_GUIDE (todoke_guide_get_type ())

TODOKE_AVAILABLE_IN_ALL
GType               todoke_guide_get_type         (void) G_GNUC_CONST;
TODOKE_AVAILABLE_IN_ALL
TodokeGuide        *todoke_guide_ref              (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
void                todoke_guide_unref            (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_guide_get_reason       (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_guide_get_language     (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_guide_get_title        (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_guide_get_explanation  (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char * const *todoke_guide_get_steps        (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char * const *todoke_guide_get_notes        (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
TodokeOwner         todoke_guide_get_owner        (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
TodokeSeverity      todoke_guide_get_severity     (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
gboolean            todoke_guide_get_retry        (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_guide_get_retry_text   (TodokeGuide   *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_guide_get_help_page    (TodokeGuide   *self);

TODOKE_AVAILABLE_IN_ALL
TodokeGuide        *todoke_rule_set_lookup_guide  (TodokeRuleSet *rules,
                                                   const char    *reason,
                                                   const char    *language,
                                                   const char    *client,
                                                   const char    *provider);

TODOKE_AVAILABLE_IN_ALL
const char         *todoke_rule_set_lookup_text   (TodokeRuleSet *rules,
                                                   const char    *id,
                                                   const char    *language);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeGuide, todoke_guide_unref)

G_END_DECLS
