/* todoke-native-lift.h: a message's string taken out of its frame
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shortest string lifted out of a frame; shorter ones go to json-glib. */
#define TODOKE_NATIVE_LIFT_MIN (64 * 1024)

/**
 * TodokeNativeLifted:
 * @data: the string's bytes, unescaped, or %NULL when nothing was lifted
 * @length: their number
 * @member: "raw" or "data": the member of "params" it was the value of
 *
 * The one big string of a request, held once: in the frame's own buffer.
 */
typedef struct
{
  char       *data;
  gsize       length;
  const char *member;
} TodokeNativeLifted;

GBytes  *todoke_native_lift           (GBytes              *frame,
                                       gsize                min_length,
                                       TodokeNativeLifted  *lifted,
                                       gsize               *escaped_length);
gboolean todoke_native_lifted_unescape (TodokeNativeLifted *lifted,
                                        gsize               escaped_length,
                                        GError            **error);
char    *todoke_native_lifted_take    (TodokeNativeLifted  *lifted,
                                       const char          *member,
                                       gsize               *length);
void     todoke_native_lifted_clear   (TodokeNativeLifted  *lifted);

G_END_DECLS
