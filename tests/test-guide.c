/* test-guide.c: the guides (todoke-guide.c, todoke-guide-book.c) and the shipped guide data
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-guide-private.h"
#include "todoke-rule-set-private.h"
#include "todoke-test-utils.h"

static const char * const clients[] = { NULL, "thunderbird", "outlook" };

/* The provider ids guides may name (data/guides/todoke-guides.rng). */
static const char * const providers[] = {
  "gmail", "microsoft", "yahoo", "aol", "apple", "docomo", "au", "softbank", "kddi",
  "biglobe", "nifty", "ocn", "zoho", "yandex", "mailru", "gmx", "tencent", "orange", "cox",
  "spectrum", "godaddy", "messagelabs", "mimecast", "cloudflare", "facebook", "iua",
  "amazonses", "sendgrid",
};

static TodokeRuleSet *shipped;

static gboolean
has_japanese (const char *text)
{
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff))
        return TRUE;
    }

  return FALSE;
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " ", -1);
  guint n = 0, i;

  for (i = 0; words[i] != NULL; i++)
    n += words[i][0] != '\0';

  return n;
}

/* Everything a guide says, for searching. */
static char *
guide_text (TodokeGuide *guide)
{
  GString *all = g_string_new (todoke_guide_get_title (guide));
  const char * const *steps = todoke_guide_get_steps (guide);
  const char * const *notes = todoke_guide_get_notes (guide);

  g_string_append_printf (all, "\n%s", todoke_guide_get_explanation (guide));
  for (; *steps != NULL; steps++)
    g_string_append_printf (all, "\n%s", *steps);
  for (; *notes != NULL; notes++)
    g_string_append_printf (all, "\n%s", *notes);

  return g_string_free (all, FALSE);
}

/* Title, explanation and 2–6 steps, in both languages, for every reason and
 * every client and provider variant; the Japanese really is Japanese. */
static void
test_every_reason (void)
{
  g_auto(GStrv) ids = todoke_rule_set_dup_reason_ids (shipped);
  guint i, c, p;

  g_assert_cmpuint (g_strv_length (ids), ==, 73);
  for (i = 0; ids[i] != NULL; i++)
    {
      g_assert_true (_todoke_guide_book_has_guide (_todoke_rule_set_get_guide_book (shipped), ids[i]));
      for (c = 0; c < G_N_ELEMENTS (clients); c++)
        for (p = 0; p <= G_N_ELEMENTS (providers); p++)
          {
            const char *provider = p < G_N_ELEMENTS (providers) ? providers[p] : NULL;
            g_autoptr(TodokeGuide) en = todoke_rule_set_lookup_guide (shipped, ids[i], "en", clients[c], provider);
            g_autoptr(TodokeGuide) ja = todoke_rule_set_lookup_guide (shipped, ids[i], "ja", clients[c], provider);
            const char * const *steps_en, * const *steps_ja;
            guint n, k;

            g_assert_nonnull (en);
            g_assert_nonnull (ja);
            g_assert_cmpstr (todoke_guide_get_language (en), ==, "en");
            g_assert_cmpstr (todoke_guide_get_language (ja), ==, "ja");
            g_assert_cmpstr (todoke_guide_get_reason (ja), ==, ids[i]);
            g_assert_false (has_japanese (todoke_guide_get_title (en)));
            g_assert_true (has_japanese (todoke_guide_get_title (ja)));
            g_assert_true (has_japanese (todoke_guide_get_explanation (ja)));
            g_assert_cmpuint (count_words (todoke_guide_get_explanation (en)), >=, 8);

            steps_en = todoke_guide_get_steps (en);
            steps_ja = todoke_guide_get_steps (ja);
            n = g_strv_length ((GStrv) steps_en);
            if (n < 2 || n > 6)
              g_error ("%s (%s, %s): %u steps", ids[i], clients[c], provider, n);
            g_assert_cmpuint (g_strv_length ((GStrv) steps_ja), ==, n);
            for (k = 0; k < n; k++)
              {
                g_assert_true (has_japanese (steps_ja[k]));
                g_assert_cmpstr (steps_en[k], !=, steps_ja[k]);
              }
          }
    }
}

/* Every English text of the shipped guides has a Japanese translation:
 * this fails when a guide string is added without updating po/ja.po. */
static void
test_all_translated (void)
{
  g_auto(GStrv) missing = _todoke_guide_book_dup_untranslated (_todoke_rule_set_get_guide_book (shipped), "ja");
  guint i;

  for (i = 0; missing[i] != NULL; i++)
    g_test_message ("no Japanese for: %s", missing[i]);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);
}

/* WRITING.md: titles ~40 characters (Japanese ~25), explanations ~60
 * words, steps ~25 words (Japanese ~60 characters); the bounds here leave
 * room for menu paths, which the screens name in full. */
static void
test_lengths (void)
{
  g_auto(GStrv) ids = todoke_rule_set_dup_reason_ids (shipped);
  guint i, c, k;

  for (i = 0; ids[i] != NULL; i++)
    for (c = 0; c < G_N_ELEMENTS (clients); c++)
      {
        g_autoptr(TodokeGuide) en = todoke_rule_set_lookup_guide (shipped, ids[i], "en", clients[c], NULL);
        g_autoptr(TodokeGuide) ja = todoke_rule_set_lookup_guide (shipped, ids[i], "ja", clients[c], NULL);
        const char * const *steps_en = todoke_guide_get_steps (en);
        const char * const *steps_ja = todoke_guide_get_steps (ja);

        g_assert_cmpuint (g_utf8_strlen (todoke_guide_get_title (en), -1), <=, 48);
        g_assert_cmpuint (g_utf8_strlen (todoke_guide_get_title (ja), -1), <=, 26);
        g_assert_cmpuint (count_words (todoke_guide_get_explanation (en)), <=, 60);
        g_assert_cmpuint (g_utf8_strlen (todoke_guide_get_explanation (ja), -1), <=, 160);
        for (k = 0; steps_en[k] != NULL; k++)
          {
            g_assert_cmpuint (count_words (steps_en[k]), <=, 40);
            g_assert_cmpuint (g_utf8_strlen (steps_ja[k], -1), <=, 90);
          }
      }
}

/* The shared labels exist in both languages, for every owner. */
static void
test_labels (void)
{
  static const char * const ids[] = {
    "steps", "who", "retry", "server-said", "notes", "recipient", "help", "retry-true", "retry-false",
  };
  TodokeOwner owner;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const char *en = todoke_rule_set_lookup_text (shipped, ids[i], "en");
      const char *ja = todoke_rule_set_lookup_text (shipped, ids[i], "ja_JP.UTF-8");

      g_assert_nonnull (en);
      g_assert_true (has_japanese (ja));
    }
  for (owner = TODOKE_OWNER_UNKNOWN; owner <= TODOKE_OWNER_NOBODY; owner++)
    {
      g_autofree char *id = g_strconcat ("owner-", todoke_owner_to_string (owner), NULL);

      g_assert_nonnull (todoke_rule_set_lookup_text (shipped, id, "en"));
      g_assert_true (has_japanese (todoke_rule_set_lookup_text (shipped, id, "ja")));
    }
  g_assert_null (todoke_rule_set_lookup_text (shipped, "no-such-label", "ja"));
}

/* Each guide links to a help page that exists, in C and translated. */
static void
test_help_pages (void)
{
  g_auto(GStrv) ids = todoke_rule_set_dup_reason_ids (shipped);
  guint i;

  for (i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(TodokeGuide) guide = todoke_rule_set_lookup_guide (shipped, ids[i], "ja", NULL, NULL);
      g_autofree char *name = g_strconcat (todoke_guide_get_help_page (guide), ".page", NULL);
      g_autofree char *page = g_test_build_filename (G_TEST_DIST, "..", "data", "help", "C", name, NULL);

      g_assert_nonnull (todoke_guide_get_help_page (guide));
      if (!g_file_test (page, G_FILE_TEST_IS_REGULAR))
        g_error ("%s links to a help page that does not exist: %s", ids[i], page);
    }
}

typedef struct
{
  const char         *what;
  const char         *reason;
  const char         *provider;
  const char         *client;
  const char * const  says[4];   /* all of these appear in the Japanese guide */
} SeedCase;

/* The seed codes of the issue, and what their Japanese guide must say. */
static const SeedCase seeds[] = {
  { "550 Host unknown", "hostunknown", NULL, NULL, { "@より右側", "ドメイン", "入力ミス" } },
  { "550 5.1.1 User unknown", "userunknown", NULL, NULL, { "@より左側", "一文字ずつ", "別の方法" } },
  { "550 Unknown user (docomo)", "userunknown", "docomo", NULL, { "受信拒否 強", "受信リスト設定", "User unknown" } },
  { "550 Unknown user (SoftBank, Y!mobile)", "userunknown", "softbank", NULL, { "受信許可リスト", "Y!mobile", "User unknown" } },
  { "551 User not local", "hasmoved", NULL, NULL, { "新しいアドレス", "再送しても届きません" } },
  { "552 5.2.2 Mailbox full", "mailboxfull", NULL, NULL, { "容量オーバー", "相手にお知らせ" } },
  { "552 5.3.4 too large (bounce)", "mesgtoobig", NULL, NULL, { "添付ファイル", "1.3倍", "圧縮" } },
  { "552 5.3.4 too large (sending)", "send_message_too_big", NULL, NULL, { "添付ファイル", "リンク" } },
  { "553 5.7.1 Sender address rejected", "send_sender_rejected", NULL, NULL, { "差出人", "別名" } },
  { "553 allowed rcpthosts", "send_auth_required", NULL, NULL, { "SMTP認証", "587番" } },
  { "553 allowed rcpthosts (Thunderbird)", "send_auth_required", NULL, "thunderbird",
    { "「送信サーバー」", "「認証方式:」", "「通常のパスワード認証」" } },
  { "553 allowed rcpthosts (Outlook)", "send_auth_required", NULL, "outlook",
    { "従来のOutlook（Microsoft 365）", "「送信サーバー (SMTP) は認証が必要」", "「詳細設定」タブ" } },
  { "554 5.7.1 Relay access denied", "send_relay_denied", NULL, NULL, { "中継", "SMTP認証" } },
  { "554 at the banner", "blocked", NULL, NULL, { "ブラックリスト", "管理者" } },
  { "Gmail 421 4.4.5", "send_server_temporary", "gmail", NULL, { "混み合って", "421 4.4.5", "時間をおいて" } },
  { "421 4.4.5 in a bounce", "systemfull", NULL, NULL, { "混み合って", "一時的" } },
  { "554 Service unavailable", "systemerror", NULL, NULL, { "554 Service unavailable", "ブラックリスト", "SMTP認証" } },
  { "Gmail 421 4.7.0", "send_server_temporary", "gmail", NULL, { "421 4.7.0", "一時的" } },
  { "Gmail 451 4.3.0", "systemerror", "gmail", NULL, { "451 4.3.0", "一時的" } },
  { "Gmail 550 5.4.5", "send_quota_exceeded", "gmail", NULL, { "550 5.4.5", "24時間", "送信者のアカウント側" } },
  { "Outlook.com 421 RP-001", "rate_limited_sender", "microsoft", NULL, { "RP-001", "送信ペース" } },
  { "Outlook.com 421 RP-002", "rate_limited_sender", "microsoft", NULL, { "RP-002", "評価" } },
  { "Outlook.com 421 RP-003", "toomanyconn", "microsoft", NULL, { "RP-003", "同時接続" } },
  { "Outlook.com 550 SC-001", "blocked", "microsoft", NULL, { "SC-001", "olcsupport.office.com", "sender.office.com" } },
  { "Gmail 534 5.7.9", "send_auth_app_password_or_oauth", "gmail", NULL, { "アプリパスワード", "2段階認証", "OAuth2" } },
  { "Microsoft 535 5.7.139", "send_auth_app_password_or_oauth", "microsoft", NULL, { "OAuth2", "認証済み SMTP" } },
  { "Microsoft 550 5.7.520", "send_forwarding_blocked", "microsoft", NULL, { "5.7.520", "送信スパムフィルターポリシー" } },
  { "Yahoo TSS04", "rate_limited_sender", "yahoo", NULL, { "TSS04", "苦情" } },
  { "Gmail 550 5.7.26", "auth_dmarc", "gmail", NULL, { "SPF", "DKIM", "5.7.26" } },
  { "au carrier filter", "filtered_jp_carrier", "au", NULL, { "指定受信", "受信リストに登録", "なりすまし規制" } },
  { "OP25B at an ISP", "send_port_blocked", "ocn", NULL, { "OP25B", "587", "SMTP認証" } },
  { "Yahoo! JAPAN sign-in", "send_auth_failed", "yahoo-jp", NULL, { "IMAP/POP/SMTPアクセスとメール転送", "アプリパスワードはありません" } },
  { "iCloud sign-in", "send_auth_app_password_or_oauth", "apple", NULL, { "App用パスワード", "サインインとセキュリティ" } },
  { "BIGLOBE size limit", "send_message_too_big", "biglobe", NULL, { "20MB", "100件" } },
  { "@nifty recipient limit", "send_too_many_recipients", "nifty", NULL, { "@nifty", "宛先数" } },
  { "So-net size limit", "exceedlimit", "sonet", NULL, { "So-net", "サイズ" } },
  { "OCN size limit", "mesgtoobig", "ocn", NULL, { "OCN", "サイズ" } },
};

static void
test_seed_codes (gconstpointer data)
{
  const SeedCase *seed = data;
  g_autoptr(TodokeGuide) guide = todoke_rule_set_lookup_guide (shipped, seed->reason, "ja",
                                                               seed->client, seed->provider);
  g_autofree char *text = NULL;
  guint i;

  g_assert_nonnull (guide);
  text = guide_text (guide);
  for (i = 0; i < G_N_ELEMENTS (seed->says) && seed->says[i] != NULL; i++)
    if (strstr (text, seed->says[i]) == NULL)
      g_error ("%s (%s): the Japanese guide does not say “%s”:\n%s", seed->what, seed->reason, seed->says[i], text);
}

/* Thunderbird lists the authentication methods the connection security
 * allows, so every guide sets 接続の保護 before 認証方式, in both languages. */
static void
test_thunderbird_order (void)
{
  static const char * const marks[][2] = {
    { "「接続の保護:」", "「認証方式:」" },
    { "“Connection security:”", "“Authentication method:”" },
  };
  static const char * const languages[] = { "ja", "en" };
  g_auto(GStrv) ids = todoke_rule_set_dup_reason_ids (shipped);
  guint i, l, both = 0;

  for (i = 0; ids[i] != NULL; i++)
    for (l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(TodokeGuide) guide = todoke_rule_set_lookup_guide (shipped, ids[i], languages[l],
                                                                     "thunderbird", NULL);
        g_autofree char *steps = g_strjoinv ("\n", (char **) todoke_guide_get_steps (guide));
        const char *security = strstr (steps, marks[l][0]);
        const char *method = strstr (steps, marks[l][1]);

        if (security == NULL || method == NULL)
          continue;
        both++;
        if (security > method)
          g_error ("%s (%s): %s comes after %s:\n%s", ids[i], languages[l], marks[l][0], marks[l][1], steps);
      }
  g_assert_cmpuint (both, >=, 8);
}

/* Steps: provider beats client beats general, whatever the order in the file. */
static void
test_variant_choice (void)
{
  g_autoptr(TodokeGuide) general = todoke_rule_set_lookup_guide (shipped, "send_auth_app_password_or_oauth", "ja", NULL, NULL);
  g_autoptr(TodokeGuide) tb = todoke_rule_set_lookup_guide (shipped, "send_auth_app_password_or_oauth", "ja", "thunderbird", NULL);
  g_autoptr(TodokeGuide) gmail_tb = todoke_rule_set_lookup_guide (shipped, "send_auth_app_password_or_oauth", "ja", "thunderbird", "gmail");
  g_autoptr(TodokeGuide) outlook = todoke_rule_set_lookup_guide (shipped, "send_auth_app_password_or_oauth", "ja", "outlook", "yahoo");

  g_assert_null (strstr (todoke_guide_get_steps (general)[0], "Thunderbird"));
  g_assert_nonnull (strstr (todoke_guide_get_steps (tb)[0], "Thunderbird"));
  g_assert_nonnull (strstr (todoke_guide_get_steps (gmail_tb)[0], "Google"));
  g_assert_cmpstr (todoke_guide_get_steps (outlook)[0], ==, todoke_guide_get_steps (general)[0]);
  g_assert_cmpuint (g_strv_length ((GStrv) todoke_guide_get_notes (general)), ==, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) todoke_guide_get_notes (outlook)), ==, 1);
}

/* Owner, retry and severity come from the reason's declaration. */
static void
test_reason_facts (void)
{
  g_autoptr(TodokeGuide) userunknown = todoke_rule_set_lookup_guide (shipped, "userunknown", "ja", NULL, NULL);
  g_autoptr(TodokeGuide) mailboxfull = todoke_rule_set_lookup_guide (shipped, "mailboxfull", "en", NULL, NULL);
  g_autoptr(TodokeGuide) vacation = todoke_rule_set_lookup_guide (shipped, "vacation", "en", NULL, NULL);
  g_autoptr(TodokeGuide) delayed = todoke_rule_set_lookup_guide (shipped, "delivery_delayed", "ja", NULL, NULL);

  g_assert_cmpint (todoke_guide_get_owner (userunknown), ==, TODOKE_OWNER_SENDER);
  g_assert_false (todoke_guide_get_retry (userunknown));
  g_assert_cmpint (todoke_guide_get_severity (userunknown), ==, TODOKE_SEVERITY_HARD);
  g_assert_cmpstr (todoke_guide_get_help_page (userunknown), ==, "address");
  g_assert_cmpint (todoke_guide_get_owner (mailboxfull), ==, TODOKE_OWNER_RECIPIENT);
  g_assert_true (todoke_guide_get_retry (mailboxfull));
  g_assert_cmpint (todoke_guide_get_severity (vacation), ==, TODOKE_SEVERITY_NONE);
  /* A delay is retried by the servers: the guide says so instead of "sending again can work". */
  g_assert_true (todoke_guide_get_retry (delayed));
  g_assert_nonnull (strstr (todoke_guide_get_retry_text (delayed), "自動的に再送"));
  g_assert_null (todoke_guide_get_retry_text (mailboxfull));
  g_assert_null (todoke_rule_set_lookup_guide (shipped, "no_such_reason", "ja", NULL, NULL));
  g_assert_null (todoke_rule_set_lookup_guide (shipped, NULL, "ja", NULL, NULL));
}

static const char book_xml[] =
  "<todoke-guides version=\"1\">\n"
  "  <text id=\"steps\">What to do</text>\n"
  "  <text xml:lang=\"ja\">対処方法</text>\n"
  "  <text id=\"who\">Who</text>\n"
  "  <guide reason=\"filtered\">\n"
  "    <title>Refused\n      by   a filter</title>\n"
  "    <title xml:lang=\"ja\">フィルターで拒否</title>\n"
  "    <explanation>Because.</explanation>\n"
  "    <retry>Wait.</retry>\n"
  "    <retry xml:lang=\"ja\">待って。</retry>\n"
  "    <steps>\n"
  "      <step>One.</step>\n"
  "      <step xml:lang=\"ja\">一。</step>\n"
  "      <step>Two.</step>\n"
  "    </steps>\n"
  "    <steps client=\"thunderbird\" provider=\"docomo\"><step>Both.</step></steps>\n"
  "    <steps client=\"thunderbird\"><step>TB.</step><step xml:lang=\"ja\">TB一。</step></steps>\n"
  "    <steps provider=\"docomo\"><step>Docomo.</step></steps>\n"
  "    <note provider=\"docomo\">Note.</note>\n"
  "    <note provider=\"docomo\" xml:lang=\"ja\">注意。</note>\n"
  "    <note client=\"outlook\">OL note.</note>\n"
  "  </guide>\n"
  "</todoke-guides>\n";

static TodokeGuideBook *
load_book (const char  *xml,
           GError     **error)
{
  g_autoptr(GBytes) bytes = todoke_test_bytes (xml);

  return _todoke_guide_book_new (bytes, error);
}

static void
assert_steps (TodokeGuide *guide,
              const char  *joined)
{
  g_autofree char *steps = g_strjoinv ("|", (GStrv) todoke_guide_get_steps (guide));

  g_assert_cmpstr (steps, ==, joined);
}

/* Per-element fallback to English, whitespace, variants and labels on a small book. */
static void
test_book (void)
{
  g_autoptr(GError) error = NULL;
  TodokeGuideBook *book = load_book (book_xml, &error);
  g_autoptr(TodokeGuide) ja = NULL, en = NULL, tb = NULL, docomo = NULL, both = NULL, outlook = NULL;
  g_auto(GStrv) missing = NULL;
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  ja = _todoke_guide_book_lookup (book, "filtered", "ja", NULL, NULL);
  en = _todoke_guide_book_lookup (book, "filtered", "en_GB", NULL, NULL);
  tb = _todoke_guide_book_lookup (book, "filtered", "ja", "thunderbird", NULL);
  docomo = _todoke_guide_book_lookup (book, "filtered", "ja-JP", NULL, "docomo");
  both = _todoke_guide_book_lookup (book, "filtered", "ja", "thunderbird", "docomo");
  outlook = _todoke_guide_book_lookup (book, "filtered", "ja", "outlook", NULL);

  g_assert_cmpstr (todoke_guide_get_title (ja), ==, "フィルターで拒否");
  g_assert_cmpstr (todoke_guide_get_explanation (ja), ==, "Because.");
  g_assert_cmpstr (todoke_guide_get_retry_text (ja), ==, "待って。");
  g_assert_cmpstr (todoke_guide_get_retry_text (en), ==, "Wait.");
  assert_steps (ja, "一。|Two.");
  g_assert_cmpstr (todoke_guide_get_title (en), ==, "Refused by a filter");
  g_assert_cmpstr (todoke_guide_get_language (en), ==, "en");
  assert_steps (en, "One.|Two.");
  assert_steps (tb, "TB一。");
  assert_steps (docomo, "Docomo.");
  assert_steps (both, "Both.");
  assert_steps (outlook, "一。|Two.");
  g_assert_cmpstr (todoke_guide_get_notes (docomo)[0], ==, "注意。");
  g_assert_cmpstr (todoke_guide_get_notes (outlook)[0], ==, "OL note.");
  g_assert_null (todoke_guide_get_notes (ja)[0]);
  g_assert_null (_todoke_guide_book_lookup (book, "userunknown", "ja", NULL, NULL));

  g_assert_cmpstr (_todoke_guide_book_get_text (book, "steps", "ja_JP.UTF-8"), ==, "対処方法");
  g_assert_cmpstr (_todoke_guide_book_get_text (book, "steps", "en"), ==, "What to do");
  g_assert_cmpstr (_todoke_guide_book_get_text (book, "who", "ja"), ==, "Who");

  missing = _todoke_guide_book_dup_untranslated (book, "ja");
  joined = g_strjoinv ("|", missing);
  g_test_message ("untranslated: %s", joined);
  g_assert_cmpuint (g_strv_length (missing), ==, 6);
  g_assert_true (g_strv_contains ((const char * const *) missing, "Because."));
  g_assert_true (g_strv_contains ((const char * const *) missing, "Who"));
  g_assert_true (g_strv_contains ((const char * const *) missing, "OL note."));
  g_assert_false (g_strv_contains ((const char * const *) missing, "One."));
  _todoke_guide_book_free (book);
}

static void
test_book_errors (void)
{
  static const char * const broken[] = {
    "<todoke-guides version=\"1\"><guide reason=\"a\"/><guide reason=\"a\"/></todoke-guides>",
    "<todoke-guides version=\"1\"><guide/></todoke-guides>",
    "<todoke-guides version=\"1\"><text>no id</text></todoke-guides>",
    "<todoke-guides version=\"1\"><text id=\"a\">x</text><text id=\"a\">y</text></todoke-guides>",
    "<todoke-guides version=\"1\"><guide reason=\"a\"><title>unclosed</guide></todoke-guides>",
    "<todoke-guides",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (load_book (broken[i], &error));
      g_assert_nonnull (error);
    }
}

static void
test_language_resolve (void)
{
  static const char * const available[] = { "ja", NULL };
  static const struct { const char *requested; const char *resolved; } cases[] = {
    { "ja", "ja" }, { "ja_JP.UTF-8", "ja" }, { "ja-JP", "ja" }, { "en", NULL },
    { "en_US.UTF-8", NULL }, { "fr_FR", NULL }, { "C", NULL }, { "", NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = _todoke_language_resolve (available, cases[i].requested);

      g_assert_cmpstr (resolved, ==, cases[i].resolved);
    }
}

/* A refinement without a guide of its own gets its parent's texts, but
 * keeps its own id, owner and help page. */
static void
test_refinement_fallback (void)
{
  static const char reasons[] =
    "<todoke-reasons version=\"1\">\n"
    "  <reason id=\"undefined\" severity=\"soft\" owner=\"unknown\" retry=\"true\" group=\"server\"/>\n"
    "  <reason id=\"filtered\" severity=\"soft\" owner=\"recipient\" retry=\"false\" group=\"filters\"/>\n"
    "  <reason id=\"filtered_jp_carrier\" parent=\"filtered\" severity=\"soft\" owner=\"recipient-admin\""
    " retry=\"true\" group=\"address\"/>\n"
    "</todoke-reasons>\n";
  g_autoptr(GBytes) reasons_bytes = todoke_test_bytes (reasons);
  g_autoptr(GBytes) rules_bytes = todoke_test_bytes ("<todoke-rules version=\"1\"></todoke-rules>\n");
  g_autoptr(GBytes) guides_bytes = todoke_test_bytes (book_xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_from_bytes (reasons_bytes, rules_bytes, guides_bytes, &error);
  g_autoptr(TodokeGuide) guide = NULL;

  g_assert_no_error (error);
  guide = todoke_rule_set_lookup_guide (rules, "filtered_jp_carrier", "ja", NULL, NULL);
  g_assert_nonnull (guide);
  g_assert_cmpstr (todoke_guide_get_reason (guide), ==, "filtered_jp_carrier");
  g_assert_cmpstr (todoke_guide_get_title (guide), ==, "フィルターで拒否");
  g_assert_cmpint (todoke_guide_get_owner (guide), ==, TODOKE_OWNER_RECIPIENT_ADMIN);
  g_assert_true (todoke_guide_get_retry (guide));
  g_assert_cmpstr (todoke_guide_get_help_page (guide), ==, "address");
  g_assert_null (todoke_rule_set_lookup_guide (rules, "undefined", "ja", NULL, NULL));
}

/* The classifier hands out the same guide, for the client it was made for. */
static void
test_classifier_guide (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (shipped, "thunderbird");
  g_autoptr(TodokeDiagnosis) diagnosis = todoke_classifier_classify_reply (classifier, "250 2.0.0 OK", NULL, "ja");
  TodokeGuide *guide = todoke_diagnosis_get_guide (diagnosis);
  g_autoptr(TodokeGuide) expected = NULL;

  g_assert_nonnull (guide);
  expected = todoke_rule_set_lookup_guide (shipped, todoke_diagnosis_get_guide_id (diagnosis), "ja", "thunderbird",
                                           todoke_diagnosis_get_provider (diagnosis));
  g_assert_cmpstr (todoke_guide_get_language (guide), ==, "ja");
  g_assert_cmpstr (todoke_guide_get_title (guide), ==, todoke_guide_get_title (expected));
  g_assert_cmpstr (todoke_guide_get_help_page (guide), ==, todoke_guide_get_help_page (expected));
}

int
main (int    argc,
      char **argv)
{
  guint i;
  int status;

  g_test_init (&argc, &argv, NULL);
  shipped = todoke_test_default_rules ();

  g_test_add_func ("/todoke/guide/every-reason", test_every_reason);
  g_test_add_func ("/todoke/guide/all-translated", test_all_translated);
  g_test_add_func ("/todoke/guide/lengths", test_lengths);
  g_test_add_func ("/todoke/guide/labels", test_labels);
  g_test_add_func ("/todoke/guide/help-pages", test_help_pages);
  for (i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/todoke/guide/seed/%u-%s", i, seeds[i].reason);

      g_test_add_data_func (path, &seeds[i], test_seed_codes);
    }
  g_test_add_func ("/todoke/guide/thunderbird-order", test_thunderbird_order);
  g_test_add_func ("/todoke/guide/variant-choice", test_variant_choice);
  g_test_add_func ("/todoke/guide/reason-facts", test_reason_facts);
  g_test_add_func ("/todoke/guide/book", test_book);
  g_test_add_func ("/todoke/guide/book-errors", test_book_errors);
  g_test_add_func ("/todoke/guide/language-resolve", test_language_resolve);
  g_test_add_func ("/todoke/guide/refinement-fallback", test_refinement_fallback);
  g_test_add_func ("/todoke/guide/classifier-guide", test_classifier_guide);

  status = g_test_run ();
  todoke_rule_set_unref (shipped);

  return status;
}
