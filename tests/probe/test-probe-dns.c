/* test-probe-dns.c: the recipient-dns check against a real DNS server
 *
 * peers.py runs a DNS server on 127.0.0.1 answering from test-zone.txt;
 * the probe asks it directly (todoke_probe_set_dns_server()).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "probe-test.h"

static ProbePeers *peers;

static const struct
{
  const char          *recipient;
  TodokeFindingStatus  status;
  const char          *reason;
  const char          *summary_part;
} cases[] = {
  { "taro@example.test", TODOKE_FINDING_STATUS_OK, NULL, "10 mx1.example.test, 20 mx2.example.test" },
  { "taro@EXAMPLE.test", TODOKE_FINDING_STATUS_OK, NULL, "mx1.example.test" },
  { "taro@gmail.com", TODOKE_FINDING_STATUS_OK, NULL, "gmail-smtp-in.l.google.com" },
  { "taro@nullmx.test", TODOKE_FINDING_STATUS_PROBLEM, "notaccept", "null MX" },
  { "taro@addressonly.test", TODOKE_FINDING_STATUS_WARNING, NULL, "no mail server record" },
  { "taro@deadmx.test", TODOKE_FINDING_STATUS_PROBLEM, "hostunknown", "cannot be found" },
  { "taro@nosuch.test", TODOKE_FINDING_STATUS_PROBLEM, "hostunknown", "does not exist" },
  { "taro@servfail.test", TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, "did not answer" },
  { "taro＠nosuch．test", TODOKE_FINDING_STATUS_PROBLEM, "hostunknown", "nosuch.test does not exist" },
};

static void
test_dns_table (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
      const char *checks[] = { TODOKE_CHECK_RECIPIENT_DNS, NULL };
      g_autoptr(GPtrArray) findings = NULL;
      TodokeFinding *finding;

      g_test_message ("%s", cases[i].recipient);
      todoke_probe_request_set_recipient (request, cases[i].recipient);
      todoke_probe_request_set_checks (request, checks);
      findings = probe_test_run (probe, request, "en");
      g_assert_cmpuint (findings->len, ==, 1);
      finding = g_ptr_array_index (findings, 0);
      probe_test_assert (finding, cases[i].status, cases[i].reason);
      probe_test_assert_summary (finding, cases[i].summary_part);
    }
}

/* A DNS server that never answers: the check ends within its timeout and
 * says it could not check, never "does not exist". */
static void
test_dns_timeout (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  g_autoptr(GPtrArray) findings = NULL;
  gint64 start;
  gint64 elapsed;

  todoke_probe_set_timeout (probe, 1000);
  todoke_probe_request_set_recipient (request, "taro@silent.test");
  start = g_get_monotonic_time ();
  findings = probe_test_run (probe, request, "ja");
  elapsed = g_get_monotonic_time () - start;
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_RECIPIENT_DNS, NULL),
                     TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
  g_assert_nonnull (strstr (todoke_finding_get_summary (probe_test_find (findings, TODOKE_CHECK_RECIPIENT_DNS, NULL)), "1秒"));
  /* The timeout, plus slack for a loaded machine (and sanitizers). */
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
}

/* No DNS server at all (a closed port): "could not check". */
static void
test_dns_offline (void)
{
  g_autoptr(TodokeProbe) probe = todoke_probe_new (todoke_test_default_rules ());
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "closed"));

  todoke_probe_set_timeout (probe, 2000);
  g_assert_true (todoke_probe_set_dns_server (probe, closed, &error));
  todoke_probe_request_set_recipient (request, "taro@example.test");
  findings = probe_test_run (probe, request, "en");
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_RECIPIENT_DNS, NULL),
                     TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
  /* The address check needs no network and still answers. */
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_ADDRESS, NULL),
                     TODOKE_FINDING_STATUS_OK, NULL);
}

/* A resolver that says "no such name" to everything (a captive portal,
 * a sandbox) does not make every domain look nonexistent: the control
 * query for the root zone fails too, so the check could not check. */
static void
test_dns_lying_resolver (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *liar = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "dns-liar"));

  g_assert_true (todoke_probe_set_dns_server (probe, liar, &error));
  todoke_probe_request_set_recipient (request, "taro@example.test");
  findings = probe_test_run (probe, request, "en");
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_RECIPIENT_DNS, NULL),
                     TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
}

static void
test_dns_bad_server (void)
{
  g_autoptr(TodokeProbe) probe = todoke_probe_new (todoke_test_default_rules ());
  g_autoptr(GError) error = NULL;

  g_assert_false (todoke_probe_set_dns_server (probe, "dns.example.test", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = probe_peers_start ();

  g_test_add_func ("/todoke/probe/dns/table", test_dns_table);
  g_test_add_func ("/todoke/probe/dns/timeout", test_dns_timeout);
  g_test_add_func ("/todoke/probe/dns/offline", test_dns_offline);
  g_test_add_func ("/todoke/probe/dns/control-query", test_dns_lying_resolver);
  g_test_add_func ("/todoke/probe/dns/bad-server", test_dns_bad_server);

  status = g_test_run ();
  probe_peers_stop (peers);

  return status;
}
