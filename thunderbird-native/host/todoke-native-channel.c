/* todoke-native-channel.c: native-messaging frames over GIO streams
 *
 * A frame is a 4-byte length in the machine's byte order followed by that
 * many bytes of UTF-8 JSON, both ways (Thunderbird's native messaging):
 *
 *   0e 00 00 00 {"id":1,"x":2}
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-native-channel.h"

G_DEFINE_QUARK (todoke-native-error-quark, todoke_native_error)

static const char * const error_codes[] = {
  [TODOKE_NATIVE_ERROR_FRAME_TOO_LARGE] = "frame-too-large",
  [TODOKE_NATIVE_ERROR_TRUNCATED] = "truncated-frame",
  [TODOKE_NATIVE_ERROR_INVALID_UTF8] = "invalid-utf8",
  [TODOKE_NATIVE_ERROR_INVALID_JSON] = "invalid-json",
  [TODOKE_NATIVE_ERROR_INVALID_REQUEST] = "invalid-request",
  [TODOKE_NATIVE_ERROR_UNKNOWN_METHOD] = "unknown-method",
  [TODOKE_NATIVE_ERROR_INVALID_PARAMS] = "invalid-params",
  [TODOKE_NATIVE_ERROR_INVALID_INPUT] = "invalid-input",
};

/**
 * todoke_native_error_code:
 * @error: an error
 *
 * Returns: the code an error answer carries for @error (PROTOCOL.md)
 */
const char *
todoke_native_error_code (const GError *error)
{
  if (error->domain == TODOKE_NATIVE_ERROR &&
      error->code >= 0 && error->code < (int) G_N_ELEMENTS (error_codes))
    return error_codes[error->code];
  return "internal";
}

/**
 * todoke_native_frame_length:
 * @header: the four bytes before a frame
 * @max_frame: longest frame allowed
 * @length: (out): the length the header announces
 * @error: set to %TODOKE_NATIVE_ERROR_FRAME_TOO_LARGE above @max_frame
 *
 * Returns: whether a frame of that length may be read
 */
gboolean
todoke_native_frame_length (const guint8   header[4],
                            gsize          max_frame,
                            guint32       *length,
                            GError       **error)
{
  memcpy (length, header, sizeof *length);
  if (*length > max_frame)
    {
      g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_FRAME_TOO_LARGE,
                   "A frame of %u bytes is longer than the limit of %" G_GSIZE_FORMAT " bytes",
                   *length, max_frame);
      return FALSE;
    }
  return TRUE;
}

/**
 * todoke_native_channel_read:
 * @input: the stream from Thunderbird
 * @max_frame: longest frame to read; a longer one is refused unread
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads one frame.
 *
 * Returns: (transfer full) (nullable): the frame's bytes, or %NULL without
 *   @error at a clean end of input (between frames), or %NULL with @error
 */
GBytes *
todoke_native_channel_read (GInputStream  *input,
                            gsize          max_frame,
                            GCancellable  *cancellable,
                            GError       **error)
{
  guint8 header[4];
  guint32 length = 0;
  gsize n_read = 0;
  g_autofree guint8 *body = NULL;

  if (!g_input_stream_read_all (input, header, sizeof header, &n_read, cancellable, error))
    return NULL;
  if (n_read == 0)
    return NULL;
  if (n_read < sizeof header)
    {
      g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_TRUNCATED,
                   "The input ended inside a frame header");
      return NULL;
    }
  if (!todoke_native_frame_length (header, max_frame, &length, error))
    return NULL;

  body = g_malloc (length > 0 ? length : 1);
  if (!g_input_stream_read_all (input, body, length, &n_read, cancellable, error))
    return NULL;
  if (n_read < length)
    {
      g_set_error (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_TRUNCATED,
                   "The input ended after %" G_GSIZE_FORMAT " of %u bytes of a frame",
                   n_read, length);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&body), length);
}

/**
 * todoke_native_channel_write:
 * @output: the stream to Thunderbird
 * @json: the answer
 * @length: its length in bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Writes one frame and flushes it.
 *
 * Returns: whether the frame was written whole
 */
gboolean
todoke_native_channel_write (GOutputStream *output,
                             const char    *json,
                             gsize          length,
                             GCancellable  *cancellable,
                             GError       **error)
{
  guint32 header = length;

  g_return_val_if_fail (length <= G_MAXUINT32, FALSE);

  return g_output_stream_write_all (output, &header, sizeof header, NULL, cancellable, error) &&
         g_output_stream_write_all (output, json, length, NULL, cancellable, error) &&
         g_output_stream_flush (output, cancellable, error);
}
