/* todoke-native-upload.c: messages sent in parts
 *
 * Sent as base64 parts of about a megabyte (message-part), a message is
 * decoded part by part into one buffer, and classify-message takes that
 * buffer: the host holds the message about once, and each frame is
 * small (each part is lifted out of its frame, todoke-native-lift.c).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-native-channel.h"
#include "todoke-native-params.h"
#include "todoke-native-upload.h"

typedef struct
{
  GByteArray *bytes;
  int         state;   /* g_base64_decode_step()'s, across parts */
  guint       save;
} Upload;

struct _TodokeNativeUploads
{
  GHashTable *uploads;   /* id → Upload */
};

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  g_byte_array_unref (upload->bytes);
  g_free (upload);
}

TodokeNativeUploads *
todoke_native_uploads_new (void)
{
  TodokeNativeUploads *self = g_new0 (TodokeNativeUploads, 1);

  self->uploads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, upload_free);
  return self;
}

void
todoke_native_uploads_free (TodokeNativeUploads *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->uploads);
  g_free (self);
}

static gboolean
refuse (GError    **error,
        const char *why)
{
  g_set_error_literal (error, TODOKE_NATIVE_ERROR, TODOKE_NATIVE_ERROR_INVALID_PARAMS, why);
  return FALSE;
}

/**
 * todoke_native_uploads_append:
 * @self: the open uploads
 * @id: the upload's name, chosen by the extension
 * @base64: the next part of the message, base64 (parts may split a quantum)
 * @length: its length in bytes
 * @received: (out): bytes of the message received so far
 * @error: a #GError
 *
 * Opens the upload on its first part.
 *
 * Returns: whether the part was taken
 */
gboolean
todoke_native_uploads_append (TodokeNativeUploads  *self,
                              const char           *id,
                              const char           *base64,
                              gsize                 length,
                              gsize                *received,
                              GError              **error)
{
  Upload *upload = g_hash_table_lookup (self->uploads, id);
  gsize before;

  if (!todoke_native_is_base64 (base64, length))
    return refuse (error, "params.data: not base64");
  if (upload == NULL)
    {
      if (g_hash_table_size (self->uploads) >= TODOKE_NATIVE_MAX_UPLOADS)
        return refuse (error, "params.upload: too many uploads open");
      upload = g_new0 (Upload, 1);
      upload->bytes = g_byte_array_new ();
      g_hash_table_insert (self->uploads, g_strdup (id), upload);
    }
  if (upload->bytes->len + length / 4 * 3 + 3 > TODOKE_NATIVE_MAX_UPLOAD_SIZE)
    {
      g_hash_table_remove (self->uploads, id);
      return refuse (error, "params.data: the message is larger than 64 MiB");
    }

  before = upload->bytes->len;
  g_byte_array_set_size (upload->bytes, before + length / 4 * 3 + 3);
  before += g_base64_decode_step (base64, length, upload->bytes->data + before,
                                  &upload->state, &upload->save);
  g_byte_array_set_size (upload->bytes, before);
  *received = before;
  return TRUE;
}

/**
 * todoke_native_uploads_take:
 * @self: the open uploads
 * @id: the upload's name
 * @error: a #GError
 *
 * Closes the upload.
 *
 * Returns: (transfer full) (nullable): the whole message
 */
GBytes *
todoke_native_uploads_take (TodokeNativeUploads  *self,
                            const char           *id,
                            GError              **error)
{
  g_autofree char *key = NULL;
  Upload *upload = NULL;
  GBytes *bytes;

  if (!g_hash_table_steal_extended (self->uploads, id, (gpointer *) &key, (gpointer *) &upload))
    {
      refuse (error, "params.upload: no such upload");
      return NULL;
    }
  bytes = g_byte_array_free_to_bytes (upload->bytes);
  g_free (upload);
  return bytes;
}
