/* todoke-dsn-private.h: RFC 3464 / 6533 delivery-status fields
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-fields-private.h"
#include "todoke-message-private.h"
#include "todoke-record-private.h"

G_BEGIN_DECLS

gboolean   _todoke_dsn_extract      (TodokeMessage *message,
                                     GPtrArray     *records);
void       _todoke_dsn_apply_diagnostic (TodokeRecord *record,
                                     const char    *value);

G_END_DECLS
