/* todoke-bounce-private.h: from a parsed message to one record per recipient
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-message-private.h"
#include "todoke-record-private.h"

G_BEGIN_DECLS

GPtrArray *_todoke_bounce_extract (TodokeMessage *message);

G_END_DECLS
