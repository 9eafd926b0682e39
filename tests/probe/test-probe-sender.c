/* test-probe-sender.c: sender-spf and sender-dmarc against a real DNS
 * server with SPF and DMARC records (test-zone.txt)
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
  const char          *domain;
  const char          *check;
  guint                index;      /* of the check's findings */
  TodokeFindingStatus  status;
  const char          *reason;
  const char          *summary_part;
} cases[] = {
  { "sender.test", TODOKE_CHECK_SENDER_SPF, 0, TODOKE_FINDING_STATUS_OK, NULL, "is valid (1 of the 10" },
  { "sender.test", TODOKE_CHECK_SENDER_SPF, 1, TODOKE_FINDING_STATUS_OK, NULL, "allows 127.0.0.1 (127.0.0.1)" },
  { "sender.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_OK, NULL, "“reject”" },
  { "sub.sender.test", TODOKE_CHECK_SENDER_SPF, 1, TODOKE_FINDING_STATUS_OK, NULL, "allows" },
  { "sub.sender.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_OK, NULL, "“reject”" },
  { "notcovered.test", TODOKE_CHECK_SENDER_SPF, 1, TODOKE_FINDING_STATUS_WARNING, "auth_spf", "does not list 127.0.0.1" },
  { "notcovered.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_OK, NULL, "“none”" },
  { "mxspf.test", TODOKE_CHECK_SENDER_SPF, 1, TODOKE_FINDING_STATUS_OK, NULL, "allows" },
  { "mxspf.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_OK, NULL, "“quarantine”" },
  { "nospf.test", TODOKE_CHECK_SENDER_SPF, 0, TODOKE_FINDING_STATUS_WARNING, "auth_spf", "has no SPF record" },
  { "nospf.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_WARNING, "auth_dmarc", "has no DMARC record" },
  { "twospf.test", TODOKE_CHECK_SENDER_SPF, 0, TODOKE_FINDING_STATUS_PROBLEM, "auth_spf", "more than one SPF" },
  { "twospf.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_PROBLEM, "auth_dmarc", "more than one DMARC" },
  { "plusall.test", TODOKE_CHECK_SENDER_SPF, 0, TODOKE_FINDING_STATUS_WARNING, "auth_spf", "“+all”" },
  { "plusall.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_PROBLEM, "auth_dmarc", "not valid" },
  { "badterm.test", TODOKE_CHECK_SENDER_SPF, 0, TODOKE_FINDING_STATUS_PROBLEM, "auth_spf", "ipv4:127.0.0.1" },
  { "macro.test", TODOKE_CHECK_SENDER_SPF, 1, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, "macros" },
  { "toomany.test", TODOKE_CHECK_SENDER_SPF, 0, TODOKE_FINDING_STATUS_PROBLEM, "auth_spf", "more than 10 DNS lookups" },
  { "servfail.test", TODOKE_CHECK_SENDER_SPF, 0, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, "did not answer" },
  { "servfail.test", TODOKE_CHECK_SENDER_DMARC, 0, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, "did not answer" },
};

static TodokeFinding *
nth_of_check (GPtrArray  *findings,
              const char *check,
              guint       n)
{
  guint i;

  for (i = 0; i < findings->len; i++)
    {
      TodokeFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (todoke_finding_get_check (finding), check) == 0 && n-- == 0)
        return finding;
    }
  g_error ("no finding %s of %s", check, check);

  return NULL;
}

static void
test_sender_table (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
      const char *checks[] = { TODOKE_CHECK_SENDER_SPF, TODOKE_CHECK_SENDER_DMARC, NULL };
      g_autofree char *sender = g_strconcat ("hanako@", cases[i].domain, NULL);
      g_autoptr(GPtrArray) findings = NULL;
      TodokeFinding *finding;

      g_test_message ("%s %s %u", cases[i].domain, cases[i].check, cases[i].index);
      todoke_probe_request_set_sender (request, sender);
      todoke_probe_request_set_server (request, "127.0.0.1", 587);
      todoke_probe_request_set_checks (request, checks);
      findings = probe_test_run (probe, request, "en");
      finding = nth_of_check (findings, cases[i].check, cases[i].index);
      probe_test_assert (finding, cases[i].status, cases[i].reason);
      probe_test_assert_summary (finding, cases[i].summary_part);
    }
}

/* Without a server only the record is judged. */
static void
test_sender_no_server (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  g_autoptr(GPtrArray) findings = NULL;

  todoke_probe_request_set_sender (request, "hanako@sender.test");
  findings = probe_test_run (probe, request, "ja");
  /* address, sender-spf, sender-dmarc */
  g_assert_cmpuint (findings->len, ==, 3);
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_SENDER_SPF, NULL), TODOKE_FINDING_STATUS_OK, NULL);
  g_assert_nonnull (strstr (todoke_finding_get_summary (probe_test_find (findings, TODOKE_CHECK_SENDER_DMARC, NULL)),
                            "「reject」"));
}

/* A resolver that denies every name does not make SPF look missing. */
static void
test_sender_lying_resolver (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (peers);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *liar = g_strdup_printf ("127.0.0.1:%u", probe_peers_port (peers, "dns-liar"));

  g_assert_true (todoke_probe_set_dns_server (probe, liar, &error));
  todoke_probe_request_set_sender (request, "hanako@sender.test");
  findings = probe_test_run (probe, request, "en");
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_SENDER_SPF, NULL), TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
  probe_test_assert (probe_test_find (findings, TODOKE_CHECK_SENDER_DMARC, NULL), TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = probe_peers_start ();

  g_test_add_func ("/todoke/probe/sender/table", test_sender_table);
  g_test_add_func ("/todoke/probe/sender/no-server", test_sender_no_server);
  g_test_add_func ("/todoke/probe/sender/lying-resolver", test_sender_lying_resolver);

  status = g_test_run ();
  probe_peers_stop (peers);

  return status;
}
