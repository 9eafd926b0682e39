/* todoke-types.h
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(TODOKE_INSIDE) && !defined(TODOKE_COMPILATION)
# error "Only <todoke.h> can be included directly."
#endif

#include <glib-object.h>

#include "todoke-version.h"

G_BEGIN_DECLS

typedef struct _TodokeClassifier TodokeClassifier;
typedef struct _TodokeDiagnosis  TodokeDiagnosis;
typedef struct _TodokeRuleSet    TodokeRuleSet;
typedef struct _TodokeGuide      TodokeGuide;

/**
 * TodokeSeverity:
 * @TODOKE_SEVERITY_NONE: not a failure (a delivery report, a complaint, an auto-reply)
 * @TODOKE_SEVERITY_SOFT: waiting, retrying or a fix on the other side can work
 * @TODOKE_SEVERITY_HARD: sending the same message again unchanged will not work
 *
 * Whether a failure is permanent for this address, in the sense bounce
 * processors use: a hard bounce means "stop sending to this address as is".
 */
typedef enum
{
  TODOKE_SEVERITY_NONE = 0,
  TODOKE_SEVERITY_SOFT,
  TODOKE_SEVERITY_HARD,
} TodokeSeverity;

/**
 * TodokeOwner:
 * @TODOKE_OWNER_UNKNOWN: nobody can tell yet
 * @TODOKE_OWNER_SENDER: the person who sent the message
 * @TODOKE_OWNER_SENDER_ADMIN: the sender's administrator or mail provider
 * @TODOKE_OWNER_RECIPIENT: the person the message was for
 * @TODOKE_OWNER_RECIPIENT_ADMIN: the recipient's administrator or mail provider
 * @TODOKE_OWNER_NETWORK: the network between the two (connection, firewall)
 * @TODOKE_OWNER_NOBODY: nobody has to act: waiting is enough
 *
 * Who has to act to fix a failure.
 */
typedef enum
{
  TODOKE_OWNER_UNKNOWN = 0,
  TODOKE_OWNER_SENDER,
  TODOKE_OWNER_SENDER_ADMIN,
  TODOKE_OWNER_RECIPIENT,
  TODOKE_OWNER_RECIPIENT_ADMIN,
  TODOKE_OWNER_NETWORK,
  TODOKE_OWNER_NOBODY,
} TodokeOwner;

/**
 * TodokeJsonFlags:
 * @TODOKE_JSON_NONE: the fields every diagnosis has
 * @TODOKE_JSON_GUIDE: add the localized guide (title, explanation, steps, notes, help)
 *
 * What todoke_diagnosis_to_json() writes besides the fields of DESIGN §7.
 */
typedef enum /*< flags >*/
{
  TODOKE_JSON_NONE  = 0,
  TODOKE_JSON_GUIDE = 1 << 0,
} TodokeJsonFlags;

G_END_DECLS
