/* todoke-native-channel.h: native-messaging frames over GIO streams
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Longest frame the host reads: a bigger one is refused unread. */
#define TODOKE_NATIVE_MAX_FRAME  (64 * 1024 * 1024)
/* Longest frame Thunderbird accepts from a host. */
#define TODOKE_NATIVE_MAX_ANSWER (1024 * 1024)

#define TODOKE_NATIVE_ERROR (todoke_native_error_quark ())

/**
 * TodokeNativeError:
 * @TODOKE_NATIVE_ERROR_FRAME_TOO_LARGE: a frame announced more than the limit
 * @TODOKE_NATIVE_ERROR_TRUNCATED: the input ended inside a frame
 * @TODOKE_NATIVE_ERROR_INVALID_UTF8: a frame is not UTF-8
 * @TODOKE_NATIVE_ERROR_INVALID_JSON: a frame is not JSON
 * @TODOKE_NATIVE_ERROR_INVALID_REQUEST: a frame is JSON but not a request
 * @TODOKE_NATIVE_ERROR_UNKNOWN_METHOD: the request names no method of ours
 * @TODOKE_NATIVE_ERROR_INVALID_PARAMS: a parameter is missing or wrong
 * @TODOKE_NATIVE_ERROR_INVALID_INPUT: libtodoke refused the input (too large…)
 *
 * What can go wrong with one frame; each has a code in the answer
 * (PROTOCOL.md).
 */
typedef enum
{
  TODOKE_NATIVE_ERROR_FRAME_TOO_LARGE,
  TODOKE_NATIVE_ERROR_TRUNCATED,
  TODOKE_NATIVE_ERROR_INVALID_UTF8,
  TODOKE_NATIVE_ERROR_INVALID_JSON,
  TODOKE_NATIVE_ERROR_INVALID_REQUEST,
  TODOKE_NATIVE_ERROR_UNKNOWN_METHOD,
  TODOKE_NATIVE_ERROR_INVALID_PARAMS,
  TODOKE_NATIVE_ERROR_INVALID_INPUT,
} TodokeNativeError;

const char *todoke_native_error_code (const GError *error);

GQuark   todoke_native_error_quark      (void);

gboolean todoke_native_frame_length     (const guint8   header[4],
                                         gsize          max_frame,
                                         guint32       *length,
                                         GError       **error);
GBytes  *todoke_native_channel_read     (GInputStream  *input,
                                         gsize          max_frame,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean todoke_native_channel_write    (GOutputStream *output,
                                         const char    *json,
                                         gsize          length,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
