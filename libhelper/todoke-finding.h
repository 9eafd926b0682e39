/* todoke-finding.h: one result of a diagnostic check
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

/**
 * TodokeFindingStatus:
 * @TODOKE_FINDING_STATUS_OK: the check passed
 * @TODOKE_FINDING_STATUS_PROBLEM: the check found something that stops mail
 * @TODOKE_FINDING_STATUS_WARNING: the check found something that may cause trouble
 * @TODOKE_FINDING_STATUS_NOT_CHECKED: the check could not run (offline, timeout,
 *   nothing to check); it says nothing about the setup
 *
 * What a diagnostic check found.
 */
typedef enum
{
  TODOKE_FINDING_STATUS_OK,
  TODOKE_FINDING_STATUS_PROBLEM,
  TODOKE_FINDING_STATUS_WARNING,
  TODOKE_FINDING_STATUS_NOT_CHECKED,
} TodokeFindingStatus;

#define TODOKE_TYPE_FINDING (todoke_finding_get_type ())

TODOKE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TodokeFinding, todoke_finding, TODOKE, FINDING, GObject)

TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_get_check      (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
TodokeFindingStatus  todoke_finding_get_status     (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_get_subject    (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_get_reason     (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
TodokeGuide         *todoke_finding_get_guide      (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_get_summary    (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_get_detail     (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_get_suggestion (TodokeFinding   *self);
TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_get_locale     (TodokeFinding   *self);

TODOKE_AVAILABLE_IN_ALL
char                *todoke_finding_to_json        (TodokeFinding   *self,
                                                    TodokeJsonFlags  flags);

TODOKE_AVAILABLE_IN_ALL
const char          *todoke_finding_status_to_string (TodokeFindingStatus status);

G_END_DECLS
