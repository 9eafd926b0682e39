/* test-rule-set.c: todoke-rule-set.c, loading, checking and matching rule data
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-rule-set-private.h"
#include "todoke-text-private.h"
#include "todoke-test-utils.h"

static const char reasons_xml[] =
  "<todoke-reasons version=\"1\">\n"
  "  <reason id=\"undefined\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"server\"/>\n"
  "  <reason id=\"userunknown\" severity=\"hard\" owner=\"sender\" retry=\"false\" group=\"address\"/>\n"
  "  <reason id=\"notaccept\" severity=\"hard-if-permanent\" owner=\"sender\" retry=\"false\" group=\"address\"/>\n"
  "  <reason id=\"filtered\" severity=\"soft\" owner=\"recipient\" retry=\"false\" group=\"filters\"/>\n"
  "  <reason id=\"filtered_jp_carrier\" parent=\"filtered\" severity=\"soft\" owner=\"recipient\""
  " retry=\"false\" group=\"filters\"/>\n"
  "  <reason id=\"send_auth_failed\" severity=\"hard\" owner=\"sender\" retry=\"false\" group=\"auth\"/>\n"
  "</todoke-reasons>\n";

/* Rules wrapped so that the line given in a case is line 3. */
#define RULES_HEAD "<todoke-rules version=\"1\">\n" \
                   "  <provider id=\"docomo\" name=\"docomo\"><domain>docomo.ne.jp</domain><host>docomo.ne.jp</host></provider>\n"
#define RULES_TAIL "\n</todoke-rules>\n"

static TodokeRuleSet *
load (const char  *reasons,
      const char  *rules,
      GError     **error)
{
  g_autoptr(GBytes) reasons_bytes = todoke_test_bytes (reasons);
  g_autoptr(GBytes) rules_bytes = todoke_test_bytes (rules);

  return todoke_rule_set_new_from_bytes (reasons_bytes, rules_bytes, NULL, error);
}

static TodokeRuleSet *
load_rules (const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = g_strconcat (RULES_HEAD, body, RULES_TAIL, NULL);
  TodokeRuleSet *set = load (reasons_xml, rules, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);

  return set;
}

static void
test_small_set_loads (void)
{
  g_autoptr(TodokeRuleSet) set = load_rules (
    "  <group name=\"status\"><rule id=\"x11\" reason=\"userunknown\"><status>*.1.1</status></rule></group>");
  g_auto(GStrv) ids = todoke_rule_set_dup_reason_ids (set);
  TodokeRuleSet *ref;

  g_assert_cmpuint (g_strv_length (ids), ==, 6);
  g_assert_cmpstr (ids[0], ==, "undefined");
  g_assert_cmpstr (ids[5], ==, "send_auth_failed");
  g_assert_true (todoke_rule_set_has_reason (set, "filtered_jp_carrier"));
  g_assert_false (todoke_rule_set_has_reason (set, "mailboxfull"));
  g_assert_false (todoke_rule_set_has_reason (set, NULL));
  g_assert_cmpuint (_todoke_rule_set_get_rules (set)->len, ==, 1);
  g_assert_cmpstr (_todoke_rule_set_get_provider_name (set, "docomo"), ==, "docomo");
  g_assert_null (_todoke_rule_set_get_provider_name (set, "gmail"));

  ref = todoke_rule_set_ref (set);
  g_assert_true (ref == set);
  todoke_rule_set_unref (ref);
}

typedef struct
{
  const char *name;
  const char *reasons;   /* NULL: the valid reasons_xml */
  const char *rules;     /* NULL: a valid rule file */
  int         line;      /* line the error must name; 0: none to check */
  const char *names;     /* a word the error must name, or NULL */
} InvalidCase;

#define R(body) RULES_HEAD body RULES_TAIL
#define VALID_RULE "<rule id=\"ok\" reason=\"userunknown\"><status>5.1.1</status></rule>"

static const InvalidCase invalid_cases[] = {
  /* reasons */
  { "reasons-wrong-root", "<todoke-rules version=\"1\"/>\n", NULL, 1, NULL },
  { "reasons-version", "<todoke-reasons version=\"2\"></todoke-reasons>\n", NULL, 1, NULL },
  { "reasons-duplicate",
    "<todoke-reasons version=\"1\">\n"
    "<reason id=\"undefined\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "<reason id=\"undefined\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-bad-id",
    "<todoke-reasons version=\"1\">\n\n"
    "<reason id=\"User Unknown\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-bad-severity",
    "<todoke-reasons version=\"1\">\n\n"
    "<reason id=\"undefined\" severity=\"maybe\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-bad-owner",
    "<todoke-reasons version=\"1\">\n\n"
    "<reason id=\"undefined\" severity=\"soft\" owner=\"everyone\" retry=\"true\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-bad-retry",
    "<todoke-reasons version=\"1\">\n\n"
    "<reason id=\"undefined\" severity=\"soft\" owner=\"unknown\" retry=\"yes\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-missing-attribute",
    "<todoke-reasons version=\"1\">\n\n"
    "<reason id=\"undefined\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-unknown-attribute",
    "<todoke-reasons version=\"1\">\n\n"
    "<reason id=\"undefined\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\" colour=\"red\"/>\n"
    "</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-unknown-element",
    "<todoke-reasons version=\"1\">\n\n<reasn id=\"x\"/>\n</todoke-reasons>\n", NULL, 3, NULL },
  { "reasons-unknown-parent",
    "<todoke-reasons version=\"1\">\n"
    "<reason id=\"undefined\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "<reason id=\"child\" parent=\"nobody_here\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 3, "nobody_here" },
  { "reasons-nested-parent",
    "<todoke-reasons version=\"1\">\n"
    "<reason id=\"top\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "<reason id=\"middle\" parent=\"top\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "<reason id=\"bottom\" parent=\"middle\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"g\"/>\n"
    "</todoke-reasons>\n", NULL, 4, "bottom" },
  { "reasons-malformed-xml",
    "<todoke-reasons version=\"1\">\n\n<reason id=\"x\"\n", NULL, 4, NULL },
  { "reasons-not-xml", "\xff\xfe\x00garbage", NULL, 1, NULL },
  /* rules */
  { "rules-wrong-root", NULL, "<todoke-reasons version=\"1\"/>\n", 1, NULL },
  { "rules-version", NULL, "<todoke-rules version=\"one\"/>\n", 1, NULL },
  { "rules-undeclared-reason", NULL,
    R ("<rule id=\"r\" reason=\"nosuchreason\"><status>5.1.1</status></rule>"), 3, NULL },
  { "rules-duplicate-id", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\"><status>5.1.1</status></rule>\n"
       "<rule id=\"r\" reason=\"userunknown\"><status>5.1.2</status></rule>"), 4, NULL },
  { "rules-bad-id", NULL,
    R ("<rule id=\"Bad Id\" reason=\"userunknown\"><status>5.1.1</status></rule>"), 3, NULL },
  /* GMarkup reports an end tag's position after it: the line that follows. */
  { "rules-no-condition", NULL, R ("<rule id=\"r\" reason=\"userunknown\"></rule>"), 4, NULL },
  { "rules-bad-status", NULL, R ("<rule id=\"r\" reason=\"userunknown\"><status>5.1</status></rule>"), 3, NULL },
  { "rules-bad-reply", NULL, R ("<rule id=\"r\" reason=\"userunknown\"><reply>650</reply></rule>"), 3, NULL },
  { "rules-bad-command", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\"><status>5.1.1</status><command>QUIT</command></rule>"), 3, NULL },
  { "rules-empty-text", NULL, R ("<rule id=\"r\" reason=\"userunknown\"><text>  </text></rule>"), 3, NULL },
  { "rules-star-text", NULL, R ("<rule id=\"r\" reason=\"userunknown\"><text>*</text></rule>"), 3, NULL },
  { "rules-bad-context", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\" context=\"always\"><status>5.1.1</status></rule>"), 3, NULL },
  { "rules-bad-severity", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\" severity=\"fatal\"><status>5.1.1</status></rule>"), 3, NULL },
  { "rules-unknown-attribute", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\" weight=\"3\"><status>5.1.1</status></rule>"), 3, NULL },
  { "rules-unknown-leaf", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\"><status>5.1.1</status><regex>.*</regex></rule>"), 3, NULL },
  { "rules-leaf-attribute", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\"><status case=\"no\">5.1.1</status></rule>"), 3, NULL },
  { "rules-unknown-element", NULL, R ("<rules/>"), 3, NULL },
  { "rules-nested-group", NULL, R ("<group name=\"a\"><group name=\"b\"/></group>"), 3, NULL },
  { "rules-provider-in-group", NULL,
    R ("<group name=\"a\"><provider id=\"p\" name=\"P\"/></group>"), 3, NULL },
  { "rules-undeclared-provider", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\"><provider>nosuchprovider</provider><status>5.1.1</status></rule>"),
    3, "nosuchprovider" },
  { "rules-duplicate-provider", NULL, R ("<provider id=\"docomo\" name=\"again\"/>"), 3, NULL },
  { "rules-bad-provider-id", NULL, R ("<provider id=\"Do Co Mo\" name=\"x\"/>"), 3, NULL },
  { "rules-empty-domain", NULL, R ("<provider id=\"p\" name=\"P\"><domain></domain></provider>"), 3, NULL },
  { "rules-domain-with-space", NULL, R ("<provider id=\"p\" name=\"P\"><host>a b</host></provider>"), 3, NULL },
  { "rules-provider-unknown-child", NULL, R ("<provider id=\"p\" name=\"P\"><mx>x</mx></provider>"), 3, NULL },
  { "rules-malformed-xml", NULL, R ("<rule id=\"r\" reason=\"userunknown\"><status>5.1.1</rule>"), 3, NULL },
  { "rules-empty-file", NULL, "", 0, NULL },
  { "rules-words-no-source", NULL, R ("<words id=\"who\"><w>user</w></words>"), 3, NULL },
  { "rules-words-empty-source", NULL, R ("<words id=\"who\" source=\"\"><w>user</w></words>"), 3, "who" },
  { "rules-words-empty", NULL, R ("<words id=\"who\" source=\"RFC 5321\"></words>"), 0, "who" },
  { "rules-words-twice", NULL,
    R ("<words id=\"who\" source=\"a\"><w>user</w></words>\n<words id=\"who\" source=\"b\"><w>mailbox</w></words>"),
    4, "who" },
  { "rules-word-star", NULL, R ("<words id=\"who\" source=\"a\"><w>us*er</w></words>"), 3, "us*er" },
  { "rules-concept-undeclared", NULL,
    R ("<words id=\"who\" source=\"a\"><w>user</w></words>\n"
       "<rule id=\"r\" reason=\"userunknown\"><concept>who nowhere</concept></rule>"), 4, "nowhere" },
  { "rules-concept-one-class", NULL,
    R ("<words id=\"who\" source=\"a\"><w>user</w></words>\n"
       "<rule id=\"r\" reason=\"userunknown\"><concept>who</concept></rule>"), 4, NULL },
  { "rules-concept-before-words", NULL,
    R ("<rule id=\"r\" reason=\"userunknown\"><concept>who what</concept></rule>\n"
       "<words id=\"who\" source=\"a\"><w>user</w></words><words id=\"what\" source=\"a\"><w>unknown</w></words>"),
    3, "who" },
};

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *valid_rules = g_strconcat (RULES_HEAD, VALID_RULE, RULES_TAIL, NULL);
  TodokeRuleSet *set;

  set = load (c->reasons ? c->reasons : reasons_xml, c->rules ? c->rules : valid_rules, &error);
  g_assert_null (set);
  g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  if (c->line > 0)
    {
      g_autofree char *line = g_strdup_printf ("line %d", c->line);

      g_assert_nonnull (strstr (error->message, line));
    }
  if (c->names != NULL)
    g_assert_nonnull (strstr (error->message, c->names));
}

/* TAXONOMY.md §1: 27 submission ids, Sisimai's 36 and 10 refinements. */
static const struct
{
  const char *id;
  const char *parent;
} taxonomy[] = {
  { "send_offline", NULL }, { "send_dns_failure", NULL }, { "send_connection_refused", NULL },
  { "send_port_blocked", NULL }, { "send_timeout", NULL }, { "send_connection_dropped", NULL },
  { "send_av_proxy_interference", NULL }, { "send_tls_certificate", NULL },
  { "send_tls_mode_mismatch", NULL }, { "send_starttls_required", NULL },
  { "send_auth_required", NULL }, { "send_auth_failed", NULL },
  { "send_auth_app_password_or_oauth", NULL }, { "send_auth_mechanism", NULL },
  { "send_auth_temporary", NULL }, { "send_account_disabled", NULL },
  { "send_sender_rejected", "rejected" }, { "send_relay_denied", "norelaying" },
  { "send_quota_exceeded", "speeding" }, { "send_account_blocked_spam", NULL },
  { "send_forwarding_blocked", NULL }, { "send_message_too_big", "mesgtoobig" },
  { "send_too_many_recipients", "toomanyconn" }, { "send_invalid_address", NULL },
  { "send_no_recipients", NULL }, { "send_server_temporary", NULL },
  { "send_protocol_error", "syntaxerror" },
  { "userunknown", NULL }, { "hostunknown", NULL }, { "hasmoved", NULL }, { "notaccept", NULL },
  { "suspend", NULL }, { "mailboxfull", NULL }, { "exceedlimit", NULL }, { "mesgtoobig", NULL },
  { "filtered", NULL }, { "rejected", NULL }, { "blocked", NULL }, { "badreputation", NULL },
  { "speeding", NULL }, { "toomanyconn", NULL }, { "authfailure", NULL }, { "requireptr", NULL },
  { "notcompliantrfc", NULL }, { "contenterror", NULL }, { "spamdetected", NULL },
  { "virusdetected", NULL }, { "policyviolation", NULL }, { "securityerror", NULL },
  { "failedstarttls", NULL }, { "networkerror", NULL }, { "expired", NULL }, { "systemerror", NULL },
  { "systemfull", NULL }, { "syntaxerror", NULL }, { "norelaying", NULL }, { "mailererror", NULL },
  { "suppressed", NULL }, { "onhold", NULL }, { "undefined", NULL }, { "delivered", NULL },
  { "feedback", NULL }, { "vacation", NULL },
  { "filtered_jp_carrier", "filtered" }, { "recipient_restricted", "rejected" },
  { "rate_limited_sender", "speeding" }, { "auth_spf", "authfailure" },
  { "auth_dkim", "authfailure" }, { "auth_dmarc", "authfailure" },
  { "auth_alignment", "authfailure" }, { "auth_forwarding", "authfailure" },
  { "mail_loop", "networkerror" }, { "delivery_delayed", "expired" },
};

static void
test_default_reasons (void)
{
  TodokeRuleSet *set = todoke_test_default_rules ();
  g_auto(GStrv) ids = todoke_rule_set_dup_reason_ids (set);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  gsize i;

  g_assert_cmpuint (G_N_ELEMENTS (taxonomy), ==, 73);
  for (i = 0; i < G_N_ELEMENTS (taxonomy); i++)
    g_assert_true (g_hash_table_add (known, (gpointer) taxonomy[i].id));

  g_assert_cmpuint (g_strv_length (ids), ==, 73);
  for (i = 0; ids[i] != NULL; i++)
    {
      const TodokeReasonInfo *info = _todoke_rule_set_lookup_reason (set, ids[i]);

      g_test_message ("reason %s", ids[i]);
      g_assert_true (g_hash_table_contains (known, ids[i]));
      g_assert_nonnull (info);
      if (info->parent != NULL)
        {
          const TodokeReasonInfo *parent = _todoke_rule_set_lookup_reason (set, info->parent);

          g_assert_nonnull (parent);
          g_assert_null (parent->parent);
        }
    }
  for (i = 0; i < G_N_ELEMENTS (taxonomy); i++)
    {
      const TodokeReasonInfo *info = _todoke_rule_set_lookup_reason (set, taxonomy[i].id);

      g_test_message ("taxonomy %s", taxonomy[i].id);
      g_assert_nonnull (info);
      g_assert_cmpstr (info->parent, ==, taxonomy[i].parent);
      /* Sisimai's three always-hard reasons stay hard. */
      if (g_strv_contains ((const char * const[]) { "userunknown", "hostunknown", "hasmoved", NULL },
                           taxonomy[i].id))
        g_assert_cmpint (info->severity, ==, TODOKE_SEVERITY_HARD);
      if (g_strv_contains ((const char * const[]) { "delivered", "feedback", "vacation", NULL },
                           taxonomy[i].id))
        g_assert_cmpint (info->severity, ==, TODOKE_SEVERITY_NONE);
    }
}

/* The shipped rules load, and every rule names a declared reason. */
static void
test_default_rules (void)
{
  TodokeRuleSet *set = todoke_test_default_rules ();
  GPtrArray *rules = _todoke_rule_set_get_rules (set);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  guint i;

  g_assert_cmpuint (rules->len, >, 0);
  /* The guide data came with them. */
  g_assert_nonnull (todoke_rule_set_lookup_text (set, "steps", "en"));
  g_assert_nonnull (todoke_rule_set_lookup_text (set, "steps", "ja"));
  for (i = 0; i < rules->len; i++)
    {
      const TodokeRule *rule = g_ptr_array_index (rules, i);

      g_assert_nonnull (rule->reason);
      g_assert_true (todoke_rule_set_has_reason (set, rule->reason->id));
      g_assert_true (g_hash_table_add (ids, (gpointer) rule->id));
      g_assert_cmpuint (rule->contexts, !=, 0);
    }
}

/* The file in the source tree is what the library carries. */
static void
test_default_matches_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reasons = todoke_test_load_dist ("..", "data", "rules", "todoke-reasons.xml", NULL);
  g_autoptr(GBytes) rules = todoke_test_load_dist ("..", "data", "rules", "todoke-rules.xml", NULL);
  g_autoptr(TodokeRuleSet) set = todoke_rule_set_new_from_bytes (reasons, rules, NULL, &error);
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  g_assert_no_error (error);
  a = todoke_rule_set_dup_reason_ids (set);
  b = todoke_rule_set_dup_reason_ids (todoke_test_default_rules ());
  g_assert_true (g_strv_equal ((const char * const *) a, (const char * const *) b));
  g_assert_cmpuint (_todoke_rule_set_get_rules (set)->len, ==,
                    _todoke_rule_set_get_rules (todoke_test_default_rules ())->len);
}

static const char *
match (TodokeRuleSet *set,
       TodokeRecord  *record,
       TodokeContext  context,
       const char    *client_error)
{
  g_autofree char *text = _todoke_text_normalize (record->diagnostic, -1);
  TodokeFacts facts = { 0 };
  const TodokeRule *rule;

  facts.record = record;
  facts.text = text;
  facts.text_length = strlen (text);
  facts.context = context;
  facts.client_error = client_error;
  facts.provider = _todoke_rule_set_find_provider (set, _todoke_text_address_domain (record->recipient),
                                                   record->remote_host, record->reporting_mta);
  rule = _todoke_rule_set_match (set, &facts);

  return rule != NULL ? rule->id : NULL;
}

/* Word classes meet within one clause, in any order; a "-class" keeps
 * the clause out; a concept is an alternative to the rule's phrases. */
static void
test_concepts (void)
{
  g_autoptr(TodokeRuleSet) set = load_rules (
    "<words id=\"who\" source=\"RFC 5321 §4.2.3\"><w>user</w><w>mailbox</w><w>宛先</w></words>\n"
    "<words id=\"missing\" source=\"RFC 3463 X.1.1\"><w>unknown</w><w>no such</w><w>does not exist</w>"
    "<w>存在しません</w></words>\n"
    "<words id=\"sender\" source=\"RFC 3463 X.1.7\"><w>sender</w></words>\n"
    "<words id=\"full\" source=\"RFC 3463 X.2.2\"><w>full\\b</w></words>\n"
    "<rule id=\"no-such-user\" reason=\"userunknown\" source=\"RFC 3463 X.1.1\">"
    "<concept>who missing -sender</concept><text>recipnotfound</text></rule>\n"
    "<rule id=\"full-mailbox\" reason=\"userunknown\" source=\"RFC 3463 X.1.1\"><concept>who full</concept></rule>");
  static const struct { const char *text; gboolean matches; } cases[] = {
    { "550 User unknown", TRUE },
    { "550 unknown user", TRUE },
    { "550 no such user here", TRUE },
    { "550 5.1.1 The mailbox you tried to reach does not exist. Please check it", TRUE },
    { "550 指定された宛先は存在しません。", TRUE },
    { "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", TRUE },
    /* the words sit in different clauses */
    { "550 The user was warned. Host unknown", FALSE },
    { "550 user: rejected; unknown reason", FALSE },
    /* a word class word inside another word does not count */
    { "550 superuser status unknown", FALSE },
    { "550 sender unknown user", FALSE },
    { "550 Sender rejected. Unknown user", TRUE },
    { "550 mailbox full", TRUE },
    /* "full\b" wants a boundary after the word too */
    { "550 mailbox fully-qualified name needed", FALSE },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeRecord) record = _todoke_record_new ();
      g_autofree char *text = _todoke_text_normalize (cases[i].text, -1);
      TodokeFacts facts = { 0 };
      const TodokeRule *rule;

      record->diagnostic = g_strdup (cases[i].text);
      facts.record = record;
      facts.text = text;
      facts.text_length = strlen (text);
      facts.context = TODOKE_CONTEXT_BOUNCE;
      rule = _todoke_rule_set_match (set, &facts);
      g_test_message ("%s", cases[i].text);
      g_assert_true ((rule != NULL) == cases[i].matches);
      if (rule != NULL)
        g_assert_cmpstr (rule->source, ==, "RFC 3463 X.1.1");
    }
}

/* Many clauses: the last one still counts. */
static void
test_clauses (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  TodokeClauses clauses;
  guint i;

  _todoke_clauses_fill (&clauses, "a. b; c: d! e? f 5.1.1 g.h 。i", strlen ("a. b; c: d! e? f 5.1.1 g.h 。i"));
  g_assert_cmpuint (clauses.n_clauses, ==, 7);
  for (i = 0; i < 200; i++)
    g_string_append (text, "x. ");
  g_string_append (text, "last clause");
  _todoke_clauses_fill (&clauses, text->str, text->len);
  g_assert_cmpuint (clauses.n_clauses, ==, TODOKE_MAX_CLAUSES);
  g_assert_cmpuint (clauses.ends[clauses.n_clauses - 1], ==, text->len);
  _todoke_clauses_fill (&clauses, "", 0);
  g_assert_cmpuint (clauses.n_clauses, ==, 0);
}

static void
test_matching (void)
{
  g_autoptr(TodokeRuleSet) set = load_rules (
    "<group name=\"client\">\n"
    "  <rule id=\"tb-auth\" reason=\"send_auth_failed\"><client-error>smtpAuthFailure</client-error></rule>\n"
    "</group>\n"
    "<group name=\"providers\">\n"
    "  <rule id=\"docomo-filter\" reason=\"filtered_jp_carrier\" context=\"bounce\">\n"
    "    <provider>docomo</provider><reply>550</reply><text>unknown user</text>\n"
    "  </rule>\n"
    "</group>\n"
    "<group name=\"text\">\n"
    "  <rule id=\"unknown-text\" reason=\"userunknown\"><text>user unknown</text><not-text>temporarily</not-text></rule>\n"
    "  <rule id=\"rcpt-only\" reason=\"userunknown\"><reply>550</reply><command>RCPT</command></rule>\n"
    "  <rule id=\"delayed\" reason=\"filtered\"><action>delayed</action></rule>\n"
    "</group>\n"
    "<group name=\"status\">\n"
    "  <rule id=\"x11\" reason=\"userunknown\"><status>*.1.1</status></rule>\n"
    "  <rule id=\"class5\" reason=\"notaccept\"><status>5.*.*</status><status>4.*.*</status></rule>\n"
    "</group>");
  static const struct
  {
    const char    *recipient;
    const char    *remote_host;
    const char    *status;
    guint          code;
    TodokeCommand  command;
    const char    *action;
    const char    *diagnostic;
    TodokeContext  context;
    const char    *client_error;
    const char    *expected;
  } cases[] = {
    { "taro@docomo.ne.jp", NULL, "5.1.1", 550, 0, NULL, "550 Unknown user", TODOKE_CONTEXT_BOUNCE, NULL, "docomo-filter" },
    { "taro@example.jp", "mfsmax.docomo.ne.jp", "", 550, 0, NULL, "550 Unknown user", TODOKE_CONTEXT_BOUNCE, NULL, "docomo-filter" },
    { "taro@docomo.ne.jp", NULL, "5.1.1", 550, 0, NULL, "550 Unknown user", TODOKE_CONTEXT_SEND, NULL, "x11" },
    { "taro@example.jp", NULL, "5.1.1", 550, 0, NULL, "550 Unknown user", TODOKE_CONTEXT_BOUNCE, NULL, "x11" },
    { "a@example.jp", NULL, "", 0, 0, NULL, "User  Unknown here", TODOKE_CONTEXT_BOUNCE, NULL, "unknown-text" },
    { "a@example.jp", NULL, "", 0, 0, NULL, "user unknown, temporarily", TODOKE_CONTEXT_BOUNCE, NULL, NULL },
    { "a@example.jp", NULL, "", 550, TODOKE_COMMAND_RCPT, NULL, "no", TODOKE_CONTEXT_BOUNCE, NULL, "rcpt-only" },
    { "a@example.jp", NULL, "", 550, TODOKE_COMMAND_DATA, NULL, "no", TODOKE_CONTEXT_BOUNCE, NULL, NULL },
    { "a@example.jp", NULL, "4.4.7", 0, 0, "delayed", "no", TODOKE_CONTEXT_BOUNCE, NULL, "delayed" },
    { "a@example.jp", NULL, "4.4.7", 0, 0, "failed", "no", TODOKE_CONTEXT_BOUNCE, NULL, "class5" },
    { "a@example.jp", NULL, "2.0.0", 0, 0, NULL, "no", TODOKE_CONTEXT_BOUNCE, NULL, NULL },
    { NULL, "smtp.example.jp", "", 0, TODOKE_COMMAND_CONN, NULL, "x", TODOKE_CONTEXT_SEND, "SMTPAUTHFAILURE", "tb-auth" },
    { NULL, "smtp.example.jp", "", 0, TODOKE_COMMAND_CONN, NULL, "x", TODOKE_CONTEXT_BOUNCE, "smtpAuthFailure", NULL },
    { NULL, NULL, "", 0, 0, NULL, NULL, TODOKE_CONTEXT_BOUNCE, NULL, NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeRecord) record = _todoke_record_new ();

      record->recipient = g_strdup (cases[i].recipient);
      record->remote_host = g_strdup (cases[i].remote_host);
      g_strlcpy (record->status, cases[i].status, sizeof record->status);
      record->reply_code = cases[i].code;
      record->command = cases[i].command;
      record->action = g_strdup (cases[i].action);
      record->diagnostic = g_strdup (cases[i].diagnostic);
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (match (set, record, cases[i].context, cases[i].client_error), ==, cases[i].expected);
    }
}

static void
test_providers (void)
{
  g_autoptr(TodokeRuleSet) set = load_rules (
    "<provider id=\"gmail\" name=\"Gmail\"><domain>gmail.com</domain><host>google.com</host></provider>");
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "gmail.com", NULL, NULL), ==, "gmail");
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "GMAIL.COM", NULL, NULL), ==, "gmail");
  g_assert_null (_todoke_rule_set_find_provider (set, "notgmail.com", NULL, NULL));
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "example.jp", "mx.google.com", NULL), ==, "gmail");
  /* A fully qualified host name with its final dot is the same host. */
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "example.jp", "gmr-smtp-in.l.google.com.", NULL), ==, "gmail");
  /* The host that refused wins over the recipient's domain. */
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "gmail.com", "mfsmax.docomo.ne.jp", NULL), ==, "docomo");
  /* The reporting host counts only after the domain. */
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "docomo.ne.jp", "mx.example.net", "relay.google.com"), ==, "docomo");
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "example.jp", "mx.example.net", "relay.google.com"), ==, "gmail");
  g_assert_cmpstr (_todoke_rule_set_find_provider (set, "example.jp", NULL, "relay.google.com"), ==, "gmail");
  g_assert_null (_todoke_rule_set_find_provider (set, NULL, NULL, NULL));
}

static void
test_severity_rule (void)
{
  g_autoptr(TodokeRuleSet) set = load_rules (VALID_RULE);
  const TodokeReasonInfo *notaccept = _todoke_rule_set_lookup_reason (set, "notaccept");
  const TodokeReasonInfo *userunknown = _todoke_rule_set_lookup_reason (set, "userunknown");

  g_assert_cmpint (_todoke_reason_info_severity (notaccept, "5.1.10", 0), ==, TODOKE_SEVERITY_HARD);
  g_assert_cmpint (_todoke_reason_info_severity (notaccept, "", 556), ==, TODOKE_SEVERITY_HARD);
  g_assert_cmpint (_todoke_reason_info_severity (notaccept, "4.7.27", 0), ==, TODOKE_SEVERITY_SOFT);
  g_assert_cmpint (_todoke_reason_info_severity (notaccept, "", 421), ==, TODOKE_SEVERITY_SOFT);
  g_assert_cmpint (_todoke_reason_info_severity (notaccept, "", 0), ==, TODOKE_SEVERITY_HARD);
  g_assert_cmpint (_todoke_reason_info_severity (userunknown, "4.1.1", 450), ==, TODOKE_SEVERITY_HARD);
  g_assert_null (_todoke_rule_set_lookup_reason (set, "nosuchreason"));
  g_assert_null (_todoke_rule_set_lookup_reason (set, NULL));
}

int
main (int   argc,
      char *argv[])
{
  gsize i;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/rule-set/small-set-loads", test_small_set_loads);
  for (i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/todoke/rule-set/invalid/%s", invalid_cases[i].name);

      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/todoke/rule-set/default-reasons", test_default_reasons);
  g_test_add_func ("/todoke/rule-set/default-rules", test_default_rules);
  g_test_add_func ("/todoke/rule-set/default-matches-source", test_default_matches_source);
  g_test_add_func ("/todoke/rule-set/matching", test_matching);
  g_test_add_func ("/todoke/rule-set/concepts", test_concepts);
  g_test_add_func ("/todoke/rule-set/clauses", test_clauses);
  g_test_add_func ("/todoke/rule-set/providers", test_providers);
  g_test_add_func ("/todoke/rule-set/severity-rule", test_severity_rule);

  return g_test_run ();
}
