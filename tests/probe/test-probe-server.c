/* test-probe-server.c: server-ports, server-tls and server-auth against
 * real SMTP servers on 127.0.0.1 (peers.py: aiosmtpd)
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "probe-test.h"

static ProbePeers *peers;

static GPtrArray *
run_server (TodokeProbe *probe,
            const char  *peer,
            const char  *check,
            const char  *locale)
{
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { check, NULL };

  todoke_probe_request_set_server (request, "127.0.0.1", peer != NULL ? probe_peers_port (peers, peer) : 0);
  todoke_probe_request_set_checks (request, check != NULL ? checks : NULL);

  return probe_test_run (probe, request, locale);
}

static const struct
{
  const char          *peer;
  const char          *check;
  TodokeFindingStatus  status;
  const char          *reason;
  const char          *summary_part;
} cases[] = {
  { "plain", TODOKE_CHECK_SERVER_PORTS, TODOKE_FINDING_STATUS_OK, NULL, "answers" },
  { "plain", TODOKE_CHECK_SERVER_TLS, TODOKE_FINDING_STATUS_PROBLEM, "send_tls_mode_mismatch", "offers no encryption" },
  { "plain", TODOKE_CHECK_SERVER_AUTH, TODOKE_FINDING_STATUS_WARNING, "send_auth_mechanism", "offers no sign-in" },
  { "starttls", TODOKE_CHECK_SERVER_PORTS, TODOKE_FINDING_STATUS_OK, NULL, "answers" },
  { "starttls", TODOKE_CHECK_SERVER_TLS, TODOKE_FINDING_STATUS_OK, NULL, "has a valid certificate" },
  { "starttls", TODOKE_CHECK_SERVER_AUTH, TODOKE_FINDING_STATUS_OK, NULL, "PLAIN" },
  { "selfsigned", TODOKE_CHECK_SERVER_TLS, TODOKE_FINDING_STATUS_PROBLEM, "send_tls_certificate", "not from a trusted authority" },
  { "expired", TODOKE_CHECK_SERVER_TLS, TODOKE_FINDING_STATUS_PROBLEM, "send_tls_certificate", "has expired" },
  { "wrongname", TODOKE_CHECK_SERVER_TLS, TODOKE_FINDING_STATUS_PROBLEM, "send_tls_certificate", "is for mail.other.test" },
  { "implicit", TODOKE_CHECK_SERVER_PORTS, TODOKE_FINDING_STATUS_PROBLEM, "send_tls_mode_mismatch", "set “Connection security” to SSL/TLS" },
  { "implicit", TODOKE_CHECK_SERVER_TLS, TODOKE_FINDING_STATUS_OK, NULL, "has a valid certificate" },
  { "implicit", TODOKE_CHECK_SERVER_AUTH, TODOKE_FINDING_STATUS_OK, NULL, "LOGIN" },
  { "silent", TODOKE_CHECK_SERVER_PORTS, TODOKE_FINDING_STATUS_PROBLEM, "send_timeout", "says nothing" },
  { "silent", TODOKE_CHECK_SERVER_TLS, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, "Not checked" },
  { "closed", TODOKE_CHECK_SERVER_PORTS, TODOKE_FINDING_STATUS_PROBLEM, "send_connection_refused", "refuses connections" },
  { "closed", TODOKE_CHECK_SERVER_AUTH, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, "Not checked" },
};

static void
test_server_table (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbe) quick = probe_test_new (peers);
  guint i;

  /* A silent server costs the whole step time: keep it short there. */
  todoke_probe_set_timeout (quick, 3000);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean silent = strcmp (cases[i].peer, "silent") == 0;
      g_autoptr(GPtrArray) findings = NULL;
      TodokeFinding *finding;

      g_test_message ("%s %s", cases[i].peer, cases[i].check);
      findings = run_server (silent ? quick : probe, cases[i].peer, cases[i].check, "en");
      g_assert_cmpuint (findings->len, ==, 1);
      finding = g_ptr_array_index (findings, 0);
      probe_test_assert (finding, cases[i].status, cases[i].reason);
      probe_test_assert_summary (finding, cases[i].summary_part);
    }
}

/* Port 25 refused while 587 and 465 answer: the OP25B explanation, with
 * the port to use instead. */
static void
test_server_op25b (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(GPtrArray) findings = NULL;
  TodokeFinding *finding;
  g_autofree char *port25 = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "closed"));
  g_autofree char *port587 = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "starttls"));
  g_autofree char *port465 = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "implicit"));

  todoke_probe_set_submission_ports (probe, probe_peers_port (peers, "starttls"),
                                     probe_peers_port (peers, "implicit"),
                                     probe_peers_port (peers, "closed"));
  findings = run_server (probe, NULL, TODOKE_CHECK_SERVER_PORTS, "en");
  g_assert_cmpuint (findings->len, ==, 3);
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_SERVER_PORTS, port587), TODOKE_FINDING_STATUS_OK, NULL);
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_SERVER_PORTS, port465), TODOKE_FINDING_STATUS_OK, NULL);
  finding = probe_test_find (findings, TODOKE_CHECK_SERVER_PORTS, port25);
  probe_test_assert (finding, TODOKE_FINDING_STATUS_WARNING, "send_port_blocked");
  g_assert_cmpuint (atoi (todoke_finding_get_suggestion (finding)), ==, probe_peers_port (peers, "starttls"));
  g_assert_nonnull (strstr (todoke_finding_get_summary (finding), "OP25B"));
}

/* Without a port the TLS and AUTH checks find the submission port. */
static void
test_server_any_port (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(GPtrArray) findings = NULL;

  todoke_probe_set_submission_ports (probe, probe_peers_port (peers, "closed"),
                                     probe_peers_port (peers, "implicit"),
                                     probe_peers_port (peers, "plain"));
  findings = run_server (probe, NULL, NULL, "ja");
  g_assert_cmpuint (findings->len, ==, 5);
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_SERVER_TLS, NULL), TODOKE_FINDING_STATUS_OK, NULL);
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_SERVER_AUTH, NULL), TODOKE_FINDING_STATUS_OK, NULL);
  g_assert_nonnull (strstr (todoke_finding_get_summary (probe_test_find (findings, TODOKE_CHECK_SERVER_TLS, NULL)),
                            "暗号化"));
}

/* A server that never answers: every check ends within its timeout. */
static void
test_server_deadline (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(GPtrArray) findings = NULL;
  gint64 start = g_get_monotonic_time ();
  guint i;

  todoke_probe_set_timeout (probe, 1000);
  findings = run_server (probe, "silent", NULL, "en");
  /* The timeout, plus slack for a loaded machine (and sanitizers). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (findings->len, ==, 3);
  for (i = 0; i < findings->len; i++)
    g_assert_cmpint (todoke_finding_get_status (g_ptr_array_index (findings, i)), !=, TODOKE_FINDING_STATUS_OK);
}

/* A host name the DNS does not know. */
static void
test_server_unknown_host (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { TODOKE_CHECK_SERVER_PORTS, NULL };
  g_autoptr(GPtrArray) findings = NULL;

  todoke_probe_request_set_server (request, "smtp.nosuch.test", 587);
  todoke_probe_request_set_checks (request, checks);
  findings = probe_test_run (probe, request, "en");
  g_assert_cmpuint (findings->len, ==, 1);
  probe_test_assert (g_ptr_array_index (findings, 0), TODOKE_FINDING_STATUS_PROBLEM, "send_dns_failure");
}

/* The host name resolved through the test DNS (mx1.example.test is
 * 127.0.0.1, and in the certificate). */
static void
test_server_by_name (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { TODOKE_CHECK_SERVER_TLS, NULL };
  g_autoptr(GPtrArray) findings = NULL;

  todoke_probe_request_set_server (request, "mx1.example.test", probe_peers_port (peers, "starttls"));
  todoke_probe_request_set_checks (request, checks);
  findings = probe_test_run (probe, request, "en");
  probe_test_assert (g_ptr_array_index (findings, 0), TODOKE_FINDING_STATUS_OK, NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = probe_peers_start ();

  g_test_add_func ("/todoke/probe/server/table", test_server_table);
  g_test_add_func ("/todoke/probe/server/op25b", test_server_op25b);
  g_test_add_func ("/todoke/probe/server/any-port", test_server_any_port);
  g_test_add_func ("/todoke/probe/server/deadline", test_server_deadline);
  g_test_add_func ("/todoke/probe/server/unknown-host", test_server_unknown_host);
  g_test_add_func ("/todoke/probe/server/by-name", test_server_by_name);

  status = g_test_run ();
  probe_peers_stop (peers);

  return status;
}
