/* test-native-manifest.c: the host manifest and --install-manifest
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "native-test-utils.h"
#include "todoke-native-manifest.h"

static void
test_manifest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("todoke-manifest-XXXXXX", &error);
  g_autofree char *written = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_null (todoke_native_manifest_install (dir, "relative/host", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  written = todoke_native_manifest_install (dir, "/usr/bin/todoke-native-host", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (written, "/io.github.todoke.host.json"));
  g_file_get_contents (written, &contents, NULL, &error);
  g_assert_no_error (error);
  manifest = json_from_string (contents, &error);
  g_assert_no_error (error);
  object = json_node_get_object (manifest);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "io.github.todoke.host");
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, "/usr/bin/todoke-native-host");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "stdio");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "allowed_extensions"), 0),
                   ==, "todoke@todoke.github.io");
  g_unlink (written);
  g_rmdir (dir);
}

/* --install-manifest writes into ~/.mozilla/native-messaging-hosts. */
static void
test_install_manifest_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("todoke-home-XXXXXX", &error);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TODOKE_NATIVE_HOST"),
                                         "--install-manifest", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  expected = g_build_filename (home, ".mozilla", "native-messaging-hosts", "io.github.todoke.host.json", NULL);
  g_assert_cmpstr (g_strchomp (out), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_unlink (expected);
}

/* The app's side of the bus, as the real app will be: owns the name,
 * exports Reports, records what Report receives. */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke-native/manifest", test_manifest);
  g_test_add_func ("/todoke-native/install-manifest-option", test_install_manifest_option);

  return g_test_run ();
}
