/* test-probe-address.c: address syntax, IME mistakes and typo suggestions
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "probe-test.h"
#include "todoke-probe-private.h"

static const struct
{
  const char          *address;
  TodokeFindingStatus  status;
  const char          *suggestion;     /* NULL: none expected */
  const char          *summary_part;   /* a piece of the English summary */
} cases[] = {
  { "taro@example.jp", TODOKE_FINDING_STATUS_OK, NULL, "written correctly" },
  { "taro@gmail.com", TODOKE_FINDING_STATUS_OK, NULL, "written correctly" },
  { "taro@docomo.ne.jp", TODOKE_FINDING_STATUS_OK, NULL, "written correctly" },
  { "taro@gmial.com", TODOKE_FINDING_STATUS_WARNING, "taro@gmail.com", "Did you mean taro@gmail.com?" },
  { "taro@gmail.co", TODOKE_FINDING_STATUS_WARNING, "taro@gmail.com", "Did you mean" },
  { "taro@gmail.co.jp", TODOKE_FINDING_STATUS_WARNING, "taro@gmail.com", "Did you mean" },
  { "taro@docomo.ne.co", TODOKE_FINDING_STATUS_WARNING, "taro@docomo.ne.jp", "Did you mean" },
  { "hanako@yahoo.co.jo", TODOKE_FINDING_STATUS_WARNING, "hanako@yahoo.co.jp", "Did you mean" },
  { "hanako@ezweb.jp", TODOKE_FINDING_STATUS_WARNING, "hanako@ezweb.ne.jp", "Did you mean" },
  { "hanako@icloud.co", TODOKE_FINDING_STATUS_WARNING, "hanako@icloud.com", "Did you mean" },
  { "hanako@hotmial.co.jp", TODOKE_FINDING_STATUS_WARNING, "hanako@hotmail.co.jp", "Did you mean" },
  { "hanako@softbank.ne.co", TODOKE_FINDING_STATUS_WARNING, "hanako@softbank.ne.jp", "Did you mean" },
  { "hanako@i.sofbank.jp", TODOKE_FINDING_STATUS_WARNING, "hanako@i.softbank.jp", "Did you mean" },
  { "hanako@outlok.jp", TODOKE_FINDING_STATUS_WARNING, "hanako@outlook.jp", "Did you mean" },
  { "taro＠example.jp", TODOKE_FINDING_STATUS_PROBLEM, "taro@example.jp", "full-width" },
  { "ｔａｒｏ@example.jp", TODOKE_FINDING_STATUS_PROBLEM, "taro@example.jp", "full-width" },
  { "taro@example。jp", TODOKE_FINDING_STATUS_PROBLEM, "taro@example.jp", "full-width" },
  { "taro＠gmial．com", TODOKE_FINDING_STATUS_PROBLEM, "taro@gmail.com", "full-width" },
  { "taro @example.jp", TODOKE_FINDING_STATUS_PROBLEM, "taro@example.jp", "space" },
  { "taro@example.jp\xe3\x80\x80", TODOKE_FINDING_STATUS_PROBLEM, "taro@example.jp", "full-width" },
  { "taro.example.jp", TODOKE_FINDING_STATUS_PROBLEM, NULL, "has no @" },
  { "taro@@example.jp", TODOKE_FINDING_STATUS_PROBLEM, NULL, "more than one @" },
  { "@example.jp", TODOKE_FINDING_STATUS_PROBLEM, NULL, "nothing before or after" },
  { "taro@", TODOKE_FINDING_STATUS_PROBLEM, NULL, "nothing before or after" },
  { "taro@example.jp.", TODOKE_FINDING_STATUS_PROBLEM, "taro@example.jp", "dot" },
  { "taro@example..jp", TODOKE_FINDING_STATUS_PROBLEM, NULL, "two dots" },
  { "taro@exa_mple.jp", TODOKE_FINDING_STATUS_PROBLEM, NULL, "cannot have" },
  { "taro@-example.jp", TODOKE_FINDING_STATUS_PROBLEM, NULL, "cannot have" },
  { "taro@例え.jp", TODOKE_FINDING_STATUS_OK, NULL, "written correctly" },
};

static void
test_address_table (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (NULL);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
      const char *checks[] = { TODOKE_CHECK_ADDRESS, NULL };
      g_autoptr(GPtrArray) findings = NULL;
      TodokeFinding *finding;

      g_test_message ("%s", cases[i].address);
      todoke_probe_request_set_recipient (request, cases[i].address);
      todoke_probe_request_set_checks (request, checks);
      findings = probe_test_run (probe, request, "en");
      g_assert_cmpuint (findings->len, ==, 1);
      finding = probe_test_find (findings, TODOKE_CHECK_ADDRESS, cases[i].address);
      probe_test_assert (finding, cases[i].status,
                         cases[i].status == TODOKE_FINDING_STATUS_OK ? NULL : "send_invalid_address");
      g_assert_cmpstr (todoke_finding_get_suggestion (finding), ==, cases[i].suggestion);
      g_assert_nonnull (strstr (todoke_finding_get_summary (finding), cases[i].summary_part));
    }
}

static void
test_address_japanese (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (NULL);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { TODOKE_CHECK_ADDRESS, NULL };
  g_autoptr(GPtrArray) findings = NULL;
  TodokeFinding *finding;

  todoke_probe_request_set_recipient (request, "taro@gmial.com");
  todoke_probe_request_set_sender (request, "hanako＠example.jp");
  todoke_probe_request_set_checks (request, checks);
  findings = probe_test_run (probe, request, "ja");
  g_assert_cmpuint (findings->len, ==, 2);
  finding = probe_test_find (findings, TODOKE_CHECK_ADDRESS, "taro@gmial.com");
  g_assert_cmpstr (todoke_finding_get_summary (finding), ==,
                   "taro@gmail.com の入力間違いではありませんか？");
  g_assert_cmpstr (todoke_guide_get_language (todoke_finding_get_guide (finding)), ==, "ja");
  finding = probe_test_find (findings, TODOKE_CHECK_ADDRESS, "hanako＠example.jp");
  g_assert_nonnull (strstr (todoke_finding_get_summary (finding), "全角"));
}

static void
test_address_suggest (void)
{
  TodokeRuleSet *rules = todoke_test_default_rules ();
  static const char * const no_suggestion[] = {
    "gmail.com", "example.jp", "au.com", "ai.com", "me.com", "googlemail.com",
    "mopera.net", "company.co.jp", "ezweb.ne.jp",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (no_suggestion); i++)
    {
      g_autofree char *suggestion = _todoke_domain_suggest (rules, no_suggestion[i]);

      g_assert_cmpstr (suggestion, ==, NULL);
    }
}

static void
test_address_json (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (NULL);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { TODOKE_CHECK_ADDRESS, NULL };
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  todoke_probe_request_set_recipient (request, "taro@gmial.com");
  todoke_probe_request_set_checks (request, checks);
  findings = probe_test_run (probe, request, "en");
  json = todoke_finding_to_json (g_ptr_array_index (findings, 0), TODOKE_JSON_GUIDE);
  g_assert_null (strchr (json, '\n'));
  node = todoke_test_parse_json (json);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "finding");
  g_assert_cmpstr (json_object_get_string_member (object, "check"), ==, "address");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "send_invalid_address");
  g_assert_cmpstr (json_object_get_string_member (object, "suggestion"), ==, "taro@gmail.com");
  g_assert_cmpstr (json_object_get_string_member (object, "lang"), ==, "en");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "steps")), >=, 2);
}

static void
test_address_bad_input (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (NULL);
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  const char *checks[] = { TODOKE_CHECK_ADDRESS, NULL };
  g_autofree char *huge = g_strnfill (100000, 'a');
  g_autofree char *long_domain = g_strconcat ("taro@", huge, ".jp", NULL);
  g_autoptr(GPtrArray) findings = NULL;

  /* Invalid UTF-8 and a huge address get a clear finding, not a crash. */
  todoke_probe_request_set_recipient (request, "taro\xff\xfe@example.jp");
  todoke_probe_request_set_sender (request, long_domain);
  todoke_probe_request_set_checks (request, checks);
  findings = probe_test_run (probe, request, "en");
  g_assert_cmpuint (findings->len, ==, 2);
  probe_test_assert (g_ptr_array_index (findings, 0), TODOKE_FINDING_STATUS_PROBLEM, "send_invalid_address");
  probe_test_assert (g_ptr_array_index (findings, 1), TODOKE_FINDING_STATUS_PROBLEM, "send_invalid_address");
}

static void
test_checks_for_reason (void)
{
  const char * const *known = todoke_probe_get_check_ids ();
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_ref (todoke_test_default_rules ());
  g_auto(GStrv) reasons = todoke_rule_set_dup_reason_ids (rules);
  guint i, j, offered = 0;

  static const char * const offered_for[] = {
    "send_invalid_address", "hostunknown", "userunknown", "notaccept", "send_dns_failure",
    "send_connection_refused", "send_port_blocked", "send_timeout", "send_tls_certificate",
    "send_tls_mode_mismatch", "send_starttls_required", "send_auth_required", "send_auth_failed",
    "send_auth_mechanism", "send_auth_app_password_or_oauth", "send_relay_denied", "auth_spf",
    "auth_dmarc", "auth_alignment", "failedstarttls", "authfailure",
  };

  /* Each reason the probe knows is a real reason, and offers checks. */
  for (i = 0; i < G_N_ELEMENTS (offered_for); i++)
    {
      g_assert_true (todoke_rule_set_has_reason (rules, offered_for[i]));
      g_assert_nonnull (todoke_probe_get_checks_for_reason (offered_for[i]));
    }
  g_assert_null (todoke_probe_get_checks_for_reason ("mailboxfull"));
  g_assert_true (g_strv_contains (todoke_probe_get_checks_for_reason ("hostunknown"),
                                  TODOKE_CHECK_RECIPIENT_DNS));
  /* Every check offered exists, for reasons that exist. */
  for (i = 0; reasons[i] != NULL; i++)
    {
      const char * const *checks = todoke_probe_get_checks_for_reason (reasons[i]);

      for (j = 0; checks != NULL && checks[j] != NULL; j++, offered++)
        g_assert_true (g_strv_contains (known, checks[j]));
    }
  g_assert_cmpuint (offered, >, 0);
}

static GError *
run_error (TodokeProbe        *probe,
           TodokeProbeRequest *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GError *error = NULL;

  todoke_probe_run_async (probe, request, "en", NULL, probe_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  findings = todoke_probe_run_finish (probe, result, &error);
  g_assert_null (findings);

  return error;
}

static void
test_request_errors (void)
{
  g_autoptr(TodokeProbe) probe = probe_test_new (NULL);
  g_autoptr(TodokeProbeRequest) empty = todoke_probe_request_new ();
  g_autoptr(TodokeProbeRequest) unknown = todoke_probe_request_new ();
  g_autoptr(TodokeProbeRequest) missing = todoke_probe_request_new ();
  const char *bad[] = { "no-such-check", NULL };
  const char *dns[] = { TODOKE_CHECK_RECIPIENT_DNS, NULL };
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) empty_error = NULL;
  g_autoptr(GError) unknown_error = NULL;

  empty_error = run_error (probe, empty);
  g_assert_error (empty_error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
  todoke_probe_request_set_recipient (unknown, "taro@example.jp");
  todoke_probe_request_set_checks (unknown, bad);
  unknown_error = run_error (probe, unknown);
  g_assert_error (unknown_error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);

  /* A check asked for without its input says so. */
  todoke_probe_request_set_sender (missing, "taro@example.jp");
  todoke_probe_request_set_checks (missing, dns);
  findings = probe_test_run (probe, missing, "en");
  g_assert_cmpuint (findings->len, ==, 1);
  probe_test_assert (g_ptr_array_index (findings, 0), TODOKE_FINDING_STATUS_NOT_CHECKED, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/probe/address/table", test_address_table);
  g_test_add_func ("/todoke/probe/address/japanese", test_address_japanese);
  g_test_add_func ("/todoke/probe/address/no-false-suggestion", test_address_suggest);
  g_test_add_func ("/todoke/probe/address/json", test_address_json);
  g_test_add_func ("/todoke/probe/address/bad-input", test_address_bad_input);
  g_test_add_func ("/todoke/probe/checks-for-reason", test_checks_for_reason);
  g_test_add_func ("/todoke/probe/request-errors", test_request_errors);

  return g_test_run ();
}
