/* todoke-native-manifest.h: the native-messaging host manifest
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TODOKE_NATIVE_EXTENSION_ID "todoke@todoke.github.io"
#define TODOKE_NATIVE_SYSTEM_MANIFEST_DIR "/usr/lib/mozilla/native-messaging-hosts"

char  *todoke_native_manifest_new     (const char  *host_path);
char  *todoke_native_manifest_dir     (gboolean     system);
char  *todoke_native_manifest_install (const char  *dir,
                                       const char  *host_path,
                                       GError     **error);

G_END_DECLS
