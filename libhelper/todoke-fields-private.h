/* todoke-fields-private.h: "Name: value" field blocks (RFC 5322 headers,
 * RFC 3464 delivery-status fields, RFC 5965 feedback reports)
 *
 * The lowest layer that reads fields: the message (the returned original's
 * header block), the DSN reader and the feedback reader all use it.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One "Name: value" field with continuation lines unfolded. */
typedef struct
{
  char *name;    /* as written */
  char *value;   /* unfolded, trimmed */
} TodokeField;

GPtrArray  *_todoke_fields_parse         (const char  *text,
                                          gboolean     stop_at_blank,
                                          const char **rest);
const char *_todoke_fields_get           (GPtrArray   *fields,
                                          const char  *name);
gboolean    _todoke_fields_is_field_line (const char  *line,
                                          gsize        length,
                                          gsize       *name_length,
                                          gsize       *colon);

G_END_DECLS
