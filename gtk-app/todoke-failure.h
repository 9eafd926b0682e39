/* todoke-failure.h: the checked arguments of Report
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TODOKE_FAILURE_MAX_TEXT        (64 * 1024)
#define TODOKE_FAILURE_MAX_MESSAGE     (64 * 1024 * 1024)
#define TODOKE_FAILURE_MAX_RECIPIENTS  1000
#define TODOKE_FAILURE_MAX_ADDRESS     320
#define TODOKE_FAILURE_MAX_SERVER      261
#define TODOKE_FAILURE_MAX_LOCALE      35
#define TODOKE_FAILURE_MAX_NAME        64

typedef struct
{
  char   *text;         /* a reply, log line or alert text; or NULL */
  GBytes *message;      /* a raw bounce; or NULL */
  GStrv   recipients;   /* never NULL */
  char   *server;
  char   *locale;
  char   *source;
  char   *client;
} TodokeFailure;

gboolean todoke_failure_parse (GVariant       *failure,
                               TodokeFailure  *out,
                               GError        **error);
void     todoke_failure_clear (TodokeFailure  *failure);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TodokeFailure, todoke_failure_clear)

G_END_DECLS
