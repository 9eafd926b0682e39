/* test-probe-mtasts.c: the mta-sts check against a real HTTPS server
 *
 * peers.py serves the policies of mta-sts/ over HTTPS with a certificate
 * from the test CA; the test DNS server points mta-sts.DOMAIN at it. The
 * process's default resolver asks the test DNS server too, because
 * libsoup resolves host names through it.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "probe-test.h"
#include "todoke-dns-resolver-private.h"

static ProbePeers *peers;

static const struct
{
  const char          *domain;
  TodokeFindingStatus  status;
  const char          *reason;
  const char          *summary_part;
} cases[] = {
  { "example.test", TODOKE_FINDING_STATUS_OK, NULL, "“enforce”" },
  { "testing.test", TODOKE_FINDING_STATUS_OK, NULL, "“testing”" },
  { "gmail.com", TODOKE_FINDING_STATUS_OK, NULL, "publishes no MTA-STS policy" },
  { "nopolicy.test", TODOKE_FINDING_STATUS_PROBLEM, "failedstarttls", "does not serve it correctly" },
  { "wrongcert.test", TODOKE_FINDING_STATUS_PROBLEM, "failedstarttls", "does not serve it correctly" },
  { "badpolicy.test", TODOKE_FINDING_STATUS_PROBLEM, "failedstarttls", "not valid" },
  { "mismatch.test", TODOKE_FINDING_STATUS_PROBLEM, "failedstarttls", "mx.elsewhere.test" },
  { "servfail.test", TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, "Could not check" },
};

static void
test_mtasts_table (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  guint i;

  todoke_probe_set_mta_sts_port (probe, probe_peers_port (peers, "https"));
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
      const char *checks[] = { TODOKE_CHECK_MTA_STS, NULL };
      g_autofree char *recipient = g_strconcat ("taro@", cases[i].domain, NULL);
      g_autoptr(GPtrArray) findings = NULL;
      TodokeFinding *finding;

      g_test_message ("%s", cases[i].domain);
      todoke_probe_request_set_recipient (request, recipient);
      todoke_probe_request_set_checks (request, checks);
      findings = probe_test_run (probe, request, "en");
      g_assert_cmpuint (findings->len, ==, 1);
      finding = g_ptr_array_index (findings, 0);
      probe_test_assert (finding, cases[i].status, cases[i].reason);
      probe_test_assert_summary (finding, cases[i].summary_part);
    }
}

/* Nothing listens on the HTTPS port: could not check, never a problem. */
static void
test_mtasts_offline (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { TODOKE_CHECK_MTA_STS, NULL };
  g_autoptr(GPtrArray) findings = NULL;

  todoke_probe_set_mta_sts_port (probe, probe_peers_port (peers, "closed"));
  todoke_probe_request_set_recipient (request, "taro@example.test");
  todoke_probe_request_set_checks (request, checks);
  findings = probe_test_run (probe, request, "ja");
  probe_test_assert (g_ptr_array_index (findings, 0), TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TodokeDnsResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dns = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = probe_peers_start ();
  dns = probe_peers_dns (peers);
  resolver = _todoke_dns_resolver_new (dns, 3000, &error);
  g_assert_no_error (error);
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add_func ("/todoke/probe/mta-sts/table", test_mtasts_table);
  g_test_add_func ("/todoke/probe/mta-sts/offline", test_mtasts_offline);

  status = g_test_run ();
  probe_peers_stop (peers);

  return status;
}
