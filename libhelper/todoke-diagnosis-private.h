/* todoke-diagnosis-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-diagnosis.h"
#include "todoke-guide.h"
#include "todoke-record-private.h"
#include "todoke-rule-set-private.h"

G_BEGIN_DECLS

TodokeDiagnosis *_todoke_diagnosis_new (const TodokeReasonInfo *info,
                                        const TodokeRecord     *record,
                                        const char             *rule_id,
                                        TodokeSeverity          severity,
                                        const char             *provider,
                                        const char             *provider_name,
                                        TodokeGuide            *guide);

G_END_DECLS
