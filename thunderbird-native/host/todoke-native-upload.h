/* todoke-native-upload.h: messages sent in parts
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Most uploads open at once, and the largest message one may hold. */
#define TODOKE_NATIVE_MAX_UPLOADS     4
#define TODOKE_NATIVE_MAX_UPLOAD_SIZE (64 * 1024 * 1024)

typedef struct _TodokeNativeUploads TodokeNativeUploads;

TodokeNativeUploads *todoke_native_uploads_new    (void);
void                 todoke_native_uploads_free   (TodokeNativeUploads  *self);
gboolean             todoke_native_uploads_append (TodokeNativeUploads  *self,
                                                   const char           *id,
                                                   const char           *base64,
                                                   gsize                 length,
                                                   gsize                *received,
                                                   GError              **error);
GBytes              *todoke_native_uploads_take   (TodokeNativeUploads  *self,
                                                   const char           *id,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeNativeUploads, todoke_native_uploads_free)

G_END_DECLS
