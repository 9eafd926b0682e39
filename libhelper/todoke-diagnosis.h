/* todoke-diagnosis.h
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

#define TODOKE_TYPE_DIAGNOSIS (todoke_diagnosis_get_type ())

TODOKE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TodokeDiagnosis, todoke_diagnosis, TODOKE, DIAGNOSIS, GObject)

TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_reason          (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_detail          (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_guide_id        (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
TodokeSeverity      todoke_diagnosis_get_severity        (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
gboolean            todoke_diagnosis_is_hard             (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
TodokeOwner         todoke_diagnosis_get_owner           (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
gboolean            todoke_diagnosis_get_retry           (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
guint               todoke_diagnosis_get_reply_code      (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_enhanced_status (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_recipient       (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_remote_host     (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_provider        (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_provider_name   (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_command         (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_rule_id         (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_server_message  (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_locale          (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
TodokeGuide        *todoke_diagnosis_get_guide           (TodokeDiagnosis *self);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_diagnosis_get_title           (TodokeDiagnosis *self);

TODOKE_AVAILABLE_IN_ALL
char               *todoke_diagnosis_to_json             (TodokeDiagnosis *self,
                                                          const char      *file,
                                                          TodokeJsonFlags  flags,
                                                          gsize            max_text);

TODOKE_AVAILABLE_IN_ALL
const char         *todoke_severity_to_string            (TodokeSeverity   severity);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_owner_to_string               (TodokeOwner      owner);

G_END_DECLS
