/* todoke-native-params.h: reading a request's parameters
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "todoke-native-lift.h"

G_BEGIN_DECLS

/* Longest SMTP text classify-reply takes (the D-Bus Report limit too). */
#define TODOKE_NATIVE_MAX_TEXT       (64 * 1024)
/* Longest part of a message sent in parts (base64). */
#define TODOKE_NATIVE_MAX_PART       (4 * 1024 * 1024)
/* Most recipients one classify-reply names. */
#define TODOKE_NATIVE_MAX_RECIPIENTS 1000

gboolean todoke_native_param_string  (JsonObject   *params,
                                      const char   *name,
                                      gboolean      required,
                                      gsize         max_length,
                                      const char  **value,
                                      GError      **error);
gboolean todoke_native_param_strv    (JsonObject   *params,
                                      const char   *name,
                                      guint         max_items,
                                      GStrv        *value,
                                      GError      **error);
gboolean todoke_native_is_base64     (const char          *text,
                                      gsize                length);
GBytes  *todoke_native_param_message (JsonObject          *params,
                                      TodokeNativeLifted  *lifted,
                                      GError             **error);

G_END_DECLS
