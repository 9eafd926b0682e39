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

/* Longest reply text read (todoke_classifier_classify_reply() and the
 * parser under it); longer input is cut, never refused. */
#define TODOKE_MAX_REPLY_LENGTH (64 * 1024)

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

/**
 * TodokeTruncation:
 * @TODOKE_TRUNCATION_NONE: everything was read
 * @TODOKE_TRUNCATION_MESSAGES: an mbox held more than
 *   %TODOKE_MAX_MAILBOX_MESSAGES messages; the rest were not read
 * @TODOKE_TRUNCATION_RECIPIENTS: a report reached the limit of 1,000
 *   recipients; any further ones were not read
 * @TODOKE_TRUNCATION_PARTS: a message had more MIME parts than are read
 *   (256); parsing stopped there
 * @TODOKE_TRUNCATION_DEPTH: MIME parts were nested deeper than are read (8);
 *   parsing stopped there
 * @TODOKE_TRUNCATION_HEADERS: a message had more header lines than are read
 *   (20,000 in all its header blocks); parsing stopped there
 * @TODOKE_TRUNCATION_TEXT: a reply or a report text was longer than is read
 *   (64 KiB for a reply, 512 KiB for a report); the rest was ignored
 *
 * Which limits on the work stopped a classification early. Input that
 * reaches a limit is still classified from what was read before it; the
 * caller learns what was left out from todoke_classifier_classify_bounce_full()
 * and its siblings, and can tell the user.
 */
typedef enum /*< flags >*/
{
  TODOKE_TRUNCATION_NONE       = 0,
  TODOKE_TRUNCATION_MESSAGES   = 1 << 0,
  TODOKE_TRUNCATION_RECIPIENTS = 1 << 1,
  TODOKE_TRUNCATION_PARTS      = 1 << 2,
  TODOKE_TRUNCATION_DEPTH      = 1 << 3,
  TODOKE_TRUNCATION_HEADERS    = 1 << 4,
  TODOKE_TRUNCATION_TEXT       = 1 << 5,
} TodokeTruncation;

G_END_DECLS
