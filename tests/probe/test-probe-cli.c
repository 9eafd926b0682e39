/* test-probe-cli.c: `todoke diagnose`, the program, against local peers
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "probe-test.h"

static ProbePeers *peers;

/* Runs todoke with @argv (NULL-ended after the fixed --dns-server);
 * returns standard output, sets *status and *err. */
static char *
run_todoke (int          *status,
            char        **err,
            const char   *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("TODOKE_CLI")));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  g_test_message ("%s%s", out, *err);

  return out;
}

static char *
dns_option (void)
{
  g_autofree char *dns = probe_peers_dns (peers);

  return g_strconcat ("--dns-server=", dns, NULL);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

/* The two commands of the "done when", in both languages. */
static void
test_cli_typo (void)
{
  g_autofree char *dns = dns_option ();
  g_autofree char *en = NULL, *ja = NULL, *err_en = NULL, *err_ja = NULL;
  int status;

  en = run_todoke (&status, &err_en, "diagnose", "--lang", "en", "--recipient", "taro@gmial.com", dns, NULL);
  g_assert_cmpint (status, ==, 1);
  assert_contains (en, "[Warning] Did you mean taro@gmail.com?");
  assert_contains (en, "Suggestion: taro@gmail.com");
  assert_contains (en, "[Problem] The domain gmial.com does not exist.");
  assert_contains (en, "What to do:");
  ja = run_todoke (&status, &err_ja, "diagnose", "--lang", "ja", "--recipient", "taro@gmial.com", dns, NULL);
  g_assert_cmpint (status, ==, 1);
  assert_contains (ja, "taro@gmail.com の入力間違いではありませんか？");
  assert_contains (ja, "ドメイン gmial.com は存在しません。");
  assert_contains (ja, "対処方法:");
}

static void
test_cli_plain_server (void)
{
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "plain"));
  g_autofree char *en = NULL, *ja = NULL, *err_en = NULL, *err_ja = NULL;
  int status;

  en = run_todoke (&status, &err_en, "diagnose", "--lang", "en", "--server", server, NULL);
  g_assert_cmpint (status, ==, 1);
  assert_contains (en, "answers.");
  assert_contains (en, "offers no encryption");
  assert_contains (en, "offers no sign-in");
  ja = run_todoke (&status, &err_ja, "diagnose", "--lang", "ja", "--server", server, NULL);
  g_assert_cmpint (status, ==, 1);
  assert_contains (ja, "暗号化に対応していません");
  assert_contains (ja, "SMTP認証に対応していない");
}

/* --json: one finding object per line, each with its guide. */
static void
test_cli_json (void)
{
  g_autofree char *dns = dns_option ();
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "starttls"));
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  guint i, n = 0;

  out = run_todoke (&status, &err, "diagnose", "--json", "--recipient", "taro@example.test",
                    "--sender", "hanako@sender.test", "--server", server, dns, NULL);
  lines = g_strsplit (out, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      if (*lines[i] == '\0')
        continue;
      node = todoke_test_parse_json (lines[i]);
      object = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "finding");
      g_assert_nonnull (json_object_get_string_member (object, "summary"));
      n++;
    }
  /* address ×2, recipient-dns, sender-spf ×2, sender-dmarc, ports, tls, auth, mta-sts */
  g_assert_cmpuint (n, ==, 10);
}

static void
test_cli_usage (void)
{
  g_autofree char *out1 = NULL, *out2 = NULL, *out3 = NULL, *out4 = NULL;
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL, *err4 = NULL;
  int status;

  out1 = run_todoke (&status, &err1, "diagnose", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out1, ==, "");  /* usage errors go to stderr only */
  assert_contains (err1, "--recipient");
  out2 = run_todoke (&status, &err2, "diagnose", "--lang", "fr", "--recipient", "a@b.jp", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out2, ==, "");  /* usage errors go to stderr only */
  out3 = run_todoke (&status, &err3, "diagnose", "--server", "[::1", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out3, ==, "");  /* usage errors go to stderr only */
  out4 = run_todoke (&status, &err4, "diagnose", "--recipient", "a@b.jp", "--check", "no-such", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out4, ==, "");  /* usage errors go to stderr only */
  assert_contains (err4, "no-such");
}

/* --timeout bounds every check: a silent server and a silent DNS. */
static void
test_cli_timeout (void)
{
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "silent"));
  g_autofree char *dns = dns_option ();
  g_autofree char *out = NULL, *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  out = run_todoke (&status, &err, "diagnose", "--timeout", "1", "--server", server,
                    "--recipient", "taro@silent.test", dns, NULL);
  /* One second of checks, plus start-up and slack for a loaded machine. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  assert_contains (out, "[Not checked]");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  peers = probe_peers_start ();

  g_test_add_func ("/todoke/probe/cli/typo", test_cli_typo);
  g_test_add_func ("/todoke/probe/cli/plain-server", test_cli_plain_server);
  g_test_add_func ("/todoke/probe/cli/json", test_cli_json);
  g_test_add_func ("/todoke/probe/cli/usage", test_cli_usage);
  g_test_add_func ("/todoke/probe/cli/timeout", test_cli_timeout);

  status = g_test_run ();
  probe_peers_stop (peers);

  return status;
}
