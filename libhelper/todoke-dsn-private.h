/* todoke-dsn-private.h: RFC 3464 / 6533 delivery-status fields
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-message-private.h"
#include "todoke-record-private.h"

G_BEGIN_DECLS

/* One "Name: value" field with continuation lines unfolded. */
typedef struct
{
  char *name;    /* as written */
  char *value;   /* unfolded, trimmed */
} TodokeField;

GPtrArray *_todoke_fields_parse     (const char   *text,
                                     gboolean      stop_at_blank,
                                     const char  **rest);
const char *_todoke_fields_get      (GPtrArray    *fields,
                                     const char   *name);
gboolean   _todoke_dsn_extract      (TodokeMessage *message,
                                     GPtrArray     *records);
void       _todoke_dsn_apply_diagnostic (TodokeRecord *record,
                                     const char    *value);

G_END_DECLS
