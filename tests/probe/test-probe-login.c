/* test-probe-login.c: the real login of server-auth with the password
 * from the Secret Service, and `todoke diagnose --store-password`
 *
 * Runs twice (tests/probe/meson.build): with libsecret's file backend
 * (SECRET_BACKEND=file, set up here) and with a real gnome-keyring-daemon
 * on a private session bus (with-keyring.sh). No test may ever see the
 * password in any output, log or file.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "probe-test.h"

static ProbePeers *peers;
static char *keyring_dir;   /* the file backend's directory, or NULL */

static GPtrArray *
run_login (const char *peer,
           const char *user)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { TODOKE_CHECK_SERVER_AUTH, NULL };

  todoke_probe_request_set_server (request, "127.0.0.1", probe_peers_port (peers, peer));
  todoke_probe_request_set_user (request, user);
  todoke_probe_request_set_try_login (request, TRUE);
  todoke_probe_request_set_checks (request, checks);

  return probe_test_run (probe, request, "en");
}

static void
store (const char *user,
       const char *password)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (todoke_probe_store_password ("127.0.0.1", user, password, NULL, &error));
  g_assert_no_error (error);
}

static void
test_login_ok (void)
{
  g_autoptr(GPtrArray) findings = NULL;

  store (probe_peers_string (peers, "user"), probe_peers_string (peers, "password"));
  findings = run_login ("starttls", probe_peers_string (peers, "user"));
  g_assert_cmpuint (findings->len, ==, 2);
  probe_test_assert (g_ptr_array_index (findings, 0), TODOKE_FINDING_STATUS_OK, NULL);
  probe_test_assert (g_ptr_array_index (findings, 1), TODOKE_FINDING_STATUS_OK, NULL);
  g_assert_nonnull (strstr (todoke_finding_get_summary (g_ptr_array_index (findings, 1)), "works"));
}

static void
test_login_wrong (void)
{
  g_autoptr(GPtrArray) findings = NULL;

  store ("jiro", "not-the-password");
  findings = run_login ("implicit", "jiro");
  g_assert_cmpuint (findings->len, ==, 2);
  probe_test_assert (g_ptr_array_index (findings, 1), TODOKE_FINDING_STATUS_PROBLEM, "send_auth_failed");
}

static void
test_login_no_password (void)
{
  g_autoptr(GPtrArray) findings = NULL;

  findings = run_login ("starttls", "saburo");
  g_assert_cmpuint (findings->len, ==, 2);
  probe_test_assert (g_ptr_array_index (findings, 1), TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
  g_assert_nonnull (strstr (todoke_finding_get_summary (g_ptr_array_index (findings, 1)), "store-password"));
}

/* The password is never sent to a server whose certificate is wrong. */
static void
test_login_untrusted (void)
{
  g_autoptr(GPtrArray) findings = NULL;

  store (probe_peers_string (peers, "user"), probe_peers_string (peers, "password"));
  findings = run_login ("selfsigned", probe_peers_string (peers, "user"));
  g_assert_cmpuint (findings->len, ==, 2);
  probe_test_assert (g_ptr_array_index (findings, 1), TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
  g_assert_nonnull (strstr (todoke_finding_get_summary (g_ptr_array_index (findings, 1)), "never sends"));
}

static char *
run_cli (const char  *stdin_text,
         int         *status,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TODOKE_CLI"));
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);

  return g_strconcat (out, "\n--- stderr ---\n", err, NULL);
}

static void
assert_no_password (const char *text,
                    const char *password,
                    const char *where)
{
  if (text != NULL && strstr (text, password) != NULL)
    g_error ("the password appears in %s", where);
}

static void
assert_dir_has_no_password (const char *path,
                            const char *password)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        assert_dir_has_no_password (file, password);
      else if (g_file_get_contents (file, &contents, &length, NULL))
        g_assert_null (g_strstr_len (contents, length, password));
    }
}

/* todoke diagnose --store-password: read from standard input, stored,
 * used for a login, and never printed, logged or written in clear. */
static void
test_cli_store_password (void)
{
  const char *password = probe_peers_string (peers, "password");
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "starttls"));
  g_autofree char *ca = g_build_filename (peers->dir, "ca.pem", NULL);
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  int status;

  json = run_cli (input, &status, "diagnose", "--json", "--server", server, "--user",
                  probe_peers_string (peers, "user"), "--store-password", "--ca-file", ca,
                  "--timeout", "5", NULL);
  g_test_message ("%s", json);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (json, "\"check\":\"server-auth\",\"status\":\"ok\",\"subject\":\"127.0.0.1:"));
  g_assert_nonnull (strstr (json, " works."));
  assert_no_password (json, password, "the JSON output or the log");

  text = run_cli ("", &status, "diagnose", "--lang", "ja", "--server", server, "--user",
                  probe_peers_string (peers, "user"), "--ca-file", ca, "--timeout", "5", NULL);
  g_test_message ("%s", text);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (text, "ログインできました"));
  assert_no_password (text, password, "the text output or the log");
  if (keyring_dir != NULL)
    assert_dir_has_no_password (keyring_dir, password);
  if (g_getenv ("TODOKE_TEST_KEYRING_HOME") != NULL)
    assert_dir_has_no_password (g_getenv ("TODOKE_TEST_KEYRING_HOME"), password);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = NULL;

      keyring_dir = g_dir_make_tmp ("todoke-keyring-XXXXXX", &error);
      g_assert_no_error (error);
      file = g_build_filename (keyring_dir, "test.keyring", NULL);
      g_setenv ("SECRET_FILE_TEST_PATH", file, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "todoke-test-keyring", TRUE);
    }
  else
    g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  peers = probe_peers_start ();

  g_test_add_func ("/todoke/probe/login/ok", test_login_ok);
  g_test_add_func ("/todoke/probe/login/wrong-password", test_login_wrong);
  g_test_add_func ("/todoke/probe/login/no-password", test_login_no_password);
  g_test_add_func ("/todoke/probe/login/untrusted-server", test_login_untrusted);
  g_test_add_func ("/todoke/probe/login/cli-store-password", test_cli_store_password);

  status = g_test_run ();
  probe_peers_stop (peers);
  if (keyring_dir != NULL)
    {
      g_autofree char *file = g_build_filename (keyring_dir, "test.keyring", NULL);

      g_remove (file);
      g_rmdir (keyring_dir);
    }

  return status;
}
