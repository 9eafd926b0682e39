/* todoke-native-manifest.c: the native-messaging host manifest
 *
 * Thunderbird on Linux looks for io.github.todoke.host.json in
 * ~/.mozilla/native-messaging-hosts/, then in
 * /usr/lib/mozilla/native-messaging-hosts/ (DESIGN §4):
 *
 *   {"name": "io.github.todoke.host", "description": "…",
 *    "path": "/usr/bin/todoke-native-host", "type": "stdio",
 *    "allowed_extensions": ["todoke@todoke.github.io"]}
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "todoke-native-manifest.h"

/**
 * todoke_native_manifest_new:
 * @host_path: the absolute path of todoke-native-host
 *
 * Returns: (transfer full): the manifest's JSON
 */
char *
todoke_native_manifest_new (const char *host_path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, NATIVE_HOST_NAME);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, "Todoke: explains failed sends and bounces");
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, host_path);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "stdio");
  json_builder_set_member_name (builder, "allowed_extensions");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, TODOKE_NATIVE_EXTENSION_ID);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}

/**
 * todoke_native_manifest_dir:
 * @system: the folder for every user instead of the caller's own
 *
 * Returns: (transfer full): where Thunderbird looks for host manifests
 */
char *
todoke_native_manifest_dir (gboolean system)
{
  if (system)
    return g_strdup (TODOKE_NATIVE_SYSTEM_MANIFEST_DIR);
  return g_build_filename (g_get_home_dir (), ".mozilla", "native-messaging-hosts", NULL);
}

/**
 * todoke_native_manifest_install:
 * @dir: the folder to write to (created if needed)
 * @host_path: the absolute path of todoke-native-host
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the path written
 */
char *
todoke_native_manifest_install (const char  *dir,
                                const char  *host_path,
                                GError     **error)
{
  g_autofree char *json = todoke_native_manifest_new (host_path);
  g_autofree char *path = g_build_filename (dir, NATIVE_HOST_NAME ".json", NULL);
  int saved_errno;

  if (!g_path_is_absolute (host_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The host path %s is not absolute", host_path);
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return NULL;
  return g_steal_pointer (&path);
}
