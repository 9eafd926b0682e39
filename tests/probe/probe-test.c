/* probe-test.c: helpers the diagnostics tests share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "probe-test.h"

/* Starts peers.py and reads the one JSON line with its ports; a missing
 * Python module or a peer that cannot start fails the test. */
ProbePeers *
probe_peers_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "peers.py", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonNode) node = NULL;
  ProbePeers *peers = g_new0 (ProbePeers, 1);

  /* GLib stops idle pool threads after 15 s; one stopping while
   * LeakSanitizer suspends the threads at exit makes it fail. Keep them. */
  g_thread_pool_set_max_idle_time (0);
  peers->dir = g_dir_make_tmp ("todoke-peers-XXXXXX", &error);
  g_assert_no_error (error);
  peers->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                     &error, "/usr/bin/python3", script, peers->dir, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peers->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  node = todoke_test_parse_json (line);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  peers->ports = json_object_ref (json_node_get_object (node));

  return peers;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

void
probe_peers_stop (ProbePeers *peers)
{
  g_autoptr(GError) error = NULL;

  /* Closing standard input tells peers.py to stop. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (peers->process), NULL, NULL);
  g_subprocess_wait (peers->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&peers->process);
  json_object_unref (peers->ports);
  remove_dir (peers->dir);
  g_free (peers->dir);
  g_free (peers);
}

guint16
probe_peers_port (ProbePeers *peers,
                  const char *name)
{
  g_assert_true (json_object_has_member (peers->ports, name));
  return json_object_get_int_member (peers->ports, name);
}

const char *
probe_peers_string (ProbePeers *peers,
                    const char *name)
{
  g_assert_true (json_object_has_member (peers->ports, name));
  return json_object_get_string_member (peers->ports, name);
}

char *
probe_peers_dns (ProbePeers *peers)
{
  return g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "dns"));
}

GTlsDatabase *
probe_peers_ca (ProbePeers *peers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = g_build_filename (peers->dir, "ca.pem", NULL);
  GTlsDatabase *database = g_tls_file_database_new (ca, &error);

  g_assert_no_error (error);
  return database;
}

TodokeProbe *
probe_test_new (ProbePeers *peers)
{
  TodokeProbe *probe = todoke_probe_new (todoke_test_default_rules ());

  /* Generous: TLS against Python peers under ASan on a loaded machine.
   * Tests of the deadlines set their own. */
  todoke_probe_set_timeout (probe, 15000);
  if (peers != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dns = probe_peers_dns (peers);
      g_autoptr(GTlsDatabase) ca = probe_peers_ca (peers);

      g_assert_true (todoke_probe_set_dns_server (probe, dns, &error));
      g_assert_no_error (error);
      todoke_probe_set_tls_database (probe, ca);
    }

  return probe;
}

void
probe_test_store_result (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GPtrArray *
probe_test_run (TodokeProbe        *probe,
                TodokeProbeRequest *request,
                const char         *locale)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  todoke_probe_run_async (probe, request, locale, NULL, probe_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  findings = todoke_probe_run_finish (probe, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (findings);

  return findings;
}

/* The finding of @check about @subject (any subject if NULL). */
TodokeFinding *
probe_test_find (GPtrArray  *findings,
                 const char *check,
                 const char *subject)
{
  guint i;

  for (i = 0; i < findings->len; i++)
    {
      TodokeFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (todoke_finding_get_check (finding), check) == 0 &&
          (subject == NULL || g_strcmp0 (todoke_finding_get_subject (finding), subject) == 0))
        return finding;
    }
  g_error ("no finding of %s about %s", check, subject != NULL ? subject : "anything");

  return NULL;
}

void
probe_test_assert (TodokeFinding       *finding,
                   TodokeFindingStatus  status,
                   const char          *reason)
{
  if (todoke_finding_get_status (finding) != status ||
      g_strcmp0 (todoke_finding_get_reason (finding), reason) != 0)
    {
      g_autofree char *json = todoke_finding_to_json (finding, TODOKE_JSON_NONE);

      g_error ("expected %s/%s, got %s", todoke_finding_status_to_string (status),
               reason != NULL ? reason : "no reason", json);
    }
  g_assert_nonnull (todoke_finding_get_summary (finding));
  g_assert_null (strchr (todoke_finding_get_summary (finding), '{'));
  if (reason != NULL)
    g_assert_nonnull (todoke_finding_get_guide (finding));
}

/* The finding's summary contains @part. */
void
probe_test_assert_summary (TodokeFinding *finding,
                           const char    *part)
{
  if (strstr (todoke_finding_get_summary (finding), part) == NULL)
    g_error ("“%s” not in “%s”", part, todoke_finding_get_summary (finding));
}
