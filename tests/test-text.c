/* test-text.c: todoke-text.c, the text helpers every parser relies on
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-text-private.h"
#include "todoke-test-utils.h"

static void
test_normalize (void)
{
  static const struct
  {
    const char *input;
    gssize      length;
    const char *expected;
  } cases[] = {
    { "550 User Unknown", -1, "550 user unknown" },
    { "  Mailbox\t\tFULL \r\n  quota ", -1, "mailbox full quota" },
    { "\n\n", -1, "" },
    { "", -1, "" },
    { "a\0b", 3, "a b" },
    { "Über  Quota", -1, "Über quota" },
    { "TRAILING   ", -1, "trailing" },
    { "550-5.1.1 one\r\n550 5.1.1 two", -1, "550-5.1.1 one 550 5.1.1 two" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = _todoke_text_normalize (cases[i].input, cases[i].length);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, cases[i].expected);
      g_assert_cmpstr (out, ==, cases[i].expected);
    }

  {
    g_autofree char *out = _todoke_text_normalize (NULL, -1);

    g_assert_cmpstr (out, ==, "");
  }
}

static void
test_find_status (void)
{
  static const struct
  {
    const char *input;
    const char *expected;  /* NULL: no status in the text */
    gssize      offset;    /* where it starts */
  } cases[] = {
    { "550 5.1.1 <taro@example.jp>: User unknown", "5.1.1", 4 },
    { "smtp; 452 4.2.2 Mailbox full", "4.2.2", 10 },
    { "Status: 5.7.26", "5.7.26", 8 },
    { "5.7.1", "5.7.1", 0 },
    { "(#5.1.1)", "5.1.1", 2 },
    { "Delivery failed: 4.4.7.", "4.4.7", 17 },
    { "5.2.2; quota", "5.2.2", 0 },
    { "codes 5.7.606 and 5.7.1", "5.7.606", 6 },
    /* IP addresses, versions and longer numbers are not status codes */
    { "from [192.168.4.5]", NULL, -1 },
    { "host 10.5.1.12 said", NULL, -1 },
    { "relay 4.2.2.1 refused", NULL, -1 },
    { "Postfix 3.5.1-1 here", NULL, -1 },
    { "version v5.0.1", NULL, -1 },
    { "build_5.1.1", NULL, -1 },
    { "5.7.1234 too long", NULL, -1 },
    { "id 15.1.1 here", NULL, -1 },
    { "2.0.0 Ok: queued", NULL, -1 },
    { "5..1 5.1. .1.1", NULL, -1 },
    { "554.30 Yahoo", NULL, -1 },
    { "", NULL, -1 },
    /* the first real one wins after a false start */
    { "via 192.0.2.4 then 5.1.1", "5.1.1", 19 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char status[16] = "";
      const char *where = NULL;
      gboolean found = _todoke_text_find_status (cases[i].input, -1, status, &where);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, cases[i].input);
      g_assert_cmpint (found, ==, cases[i].expected != NULL);
      if (found)
        {
          g_assert_cmpstr (status, ==, cases[i].expected);
          g_assert_cmpint (where - cases[i].input, ==, cases[i].offset);
        }
    }

  /* The length bounds the search. */
  {
    char status[16] = "";

    g_assert_false (_todoke_text_find_status ("550 5.1.1", 7, status, NULL));
    g_assert_true (_todoke_text_find_status ("550 5.1.1", 9, status, NULL));
    g_assert_cmpstr (status, ==, "5.1.1");
    g_assert_false (_todoke_text_find_status (NULL, -1, status, NULL));
  }
}

static void
test_is_status_code (void)
{
  g_assert_true (_todoke_text_is_status_code ("5.1.1"));
  g_assert_true (_todoke_text_is_status_code ("4.7.650"));
  g_assert_true (_todoke_text_is_status_code ("2.0.0"));
  g_assert_false (_todoke_text_is_status_code ("5.1.1 "));
  g_assert_false (_todoke_text_is_status_code ("5.1"));
  g_assert_false (_todoke_text_is_status_code ("6.1.1"));
  g_assert_false (_todoke_text_is_status_code ("5.1.1.1"));
  g_assert_false (_todoke_text_is_status_code (""));
  g_assert_false (_todoke_text_is_status_code (NULL));
}

static void
test_find_reply_code (void)
{
  static const struct
  {
    const char *input;
    guint       expected;
    gssize      offset;
  } cases[] = {
    { "550 5.1.1 User unknown", 550, 0 },
    { "host said: 452-4.2.2 full", 452, 11 },
    { "(421) try later", 421, 1 },
    { "code=554, rejected", 554, 5 },
    { "[506] is a reference number", 0, -1 },
    { "550", 550, 0 },
    { "SMTP error 535:", 535, 11 },
    /* not reply codes */
    { "Error 5501 in module", 0, -1 },
    { "port 25 closed", 0, -1 },
    { "600 bogus", 0, -1 },
    { "561 no such class", 0, -1 },
    { "250 2.0.0 Ok", 250, 0 },
    { "221 Bye", 221, 0 },
    { "235 2.7.0 Authentication successful", 235, 0 },
    { "255 program exited; 554 5.3.0 mailer error", 554, 20 },
    { "error 299 then", 0, -1 },
    { "at 192.0.2.550 now", 0, -1 },
    { "x450 y", 0, -1 },
    { "4.5.0 status only", 0, -1 },
    { "id 550abc", 0, -1 },
    { "", 0, -1 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *where = NULL;
      guint code = _todoke_text_find_reply_code (cases[i].input, -1, &where);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, cases[i].input);
      g_assert_cmpuint (code, ==, cases[i].expected);
      if (code != 0)
        g_assert_cmpint (where - cases[i].input, ==, cases[i].offset);
    }
}

static void
test_find_address (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
    const char *after;     /* what follows the address */
  } cases[] = {
    { "rfc822; <Taro@Example.JP>", "taro@example.jp", ">" },
    { "To: hanako.yamada+news@mail.example.co.jp.", "hanako.yamada+news@mail.example.co.jp", "." },
    { "'user@example.com'", "user@example.com", "'" },
    { "<<a@b.example>> said", "a@b.example", ">> said" },
    { "o'brien@example.ie", "o'brien@example.ie", "" },
    { "first x@ then y@example.org", "y@example.org", "" },
    { "no address here", NULL, NULL },
    { "@example.jp", NULL, NULL },
    { "taro@", NULL, NULL },
    { "a@.", NULL, NULL },
    { "", NULL, NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *end = NULL;
      g_autofree char *address = _todoke_text_find_address (cases[i].input, -1, &end);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, cases[i].input);
      g_assert_cmpstr (address, ==, cases[i].expected);
      if (address != NULL)
        g_assert_cmpstr (end, ==, cases[i].after);
    }
}

/* A header that names one address gives it; one naming several gives
 * none, so that a recipient is never guessed among them. */
static void
test_single_address (void)
{
  static const struct { const char *text; const char *address; } cases[] = {
    { "Taro <Taro@Example.JP>", "taro@example.jp" },
    { "  <hanako@example.jp>  ", "hanako@example.jp" },
    { "taro@example.jp, hanako@example.jp", NULL },
    { "\"Sales\" <sales@example.com>,\n\t<office@example.com>", NULL },
    { "undisclosed-recipients:;", NULL },
    { "", NULL },
    { NULL, NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = _todoke_text_single_address (cases[i].text);

      g_assert_cmpstr (address, ==, cases[i].address);
    }
}

static void
test_clean_address (void)
{
  g_autofree char *a = _todoke_text_clean_address ("rfc822;   <SUZUKI@EXAMPLE.NE.JP>");
  g_autofree char *b = _todoke_text_clean_address ("unknown; nothing");

  g_assert_cmpstr (a, ==, "suzuki@example.ne.jp");
  g_assert_null (b);
  g_assert_null (_todoke_text_clean_address (NULL));
  g_assert_cmpstr (_todoke_text_address_domain ("taro@docomo.ne.jp"), ==, "docomo.ne.jp");
  g_assert_cmpstr (_todoke_text_address_domain ("a@b@c.example"), ==, "c.example");
  g_assert_null (_todoke_text_address_domain ("no-at-sign"));
  g_assert_null (_todoke_text_address_domain (NULL));
}

static void
test_host_matches (void)
{
  static const struct
  {
    const char *host;
    const char *suffix;
    gboolean    expected;
  } cases[] = {
    { "mx1.docomo.ne.jp", "docomo.ne.jp", TRUE },
    { "docomo.ne.jp", "docomo.ne.jp", TRUE },
    { "MX.DOCOMO.NE.JP", "docomo.ne.jp", TRUE },
    { "notdocomo.ne.jp", "docomo.ne.jp", FALSE },
    { "ne.jp", "docomo.ne.jp", FALSE },
    { "docomo.ne.jp.evil.example", "docomo.ne.jp", FALSE },
    { "x.example", ".example", TRUE },
    { "a.b", "", FALSE },
    { NULL, "example", FALSE },
    { "example", NULL, FALSE },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %" G_GSIZE_FORMAT ": %s ~ %s", i, cases[i].host, cases[i].suffix);
      g_assert_cmpint (_todoke_text_host_matches (cases[i].host, cases[i].suffix), ==, cases[i].expected);
    }
}

static void
test_strcasestr (void)
{
  const char *text = "Mailbox QUOTA exceeded";

  g_assert_true (_todoke_text_strcasestr (text, "quota") == text + 8);
  g_assert_true (_todoke_text_strcasestr (text, "") == text);
  g_assert_null (_todoke_text_strcasestr (text, "quotas"));
  g_assert_null (_todoke_text_strcasestr (NULL, "x"));
}

static void
test_squeeze (void)
{
  g_autofree char *a = _todoke_text_squeeze ("  550 User\r\n\tUnknown  ");
  g_autofree char *b = _todoke_text_squeeze ("");

  g_assert_cmpstr (a, ==, "550 User Unknown");
  g_assert_cmpstr (b, ==, "");
  g_assert_null (_todoke_text_squeeze (NULL));
}

/* 宛先不明です ("the address is unknown") in each Japanese encoding. */
#define JA_UTF8       "\xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e\xe3\x81\xa7\xe3\x81\x99"
#define JA_ISO2022JP  "\x1b\x24\x42\x30\x38\x40\x68\x49\x54\x4c\x40\x24\x47\x24\x39\x1b\x28\x42"
#define JA_SJIS       "\x88\xb6\x90\xe6\x95\x73\x96\xbe\x82\xc5\x82\xb7"
#define JA_EUCJP      "\xb0\xb8\xc0\xe8\xc9\xd4\xcc\xc0\xa4\xc7\xa4\xb9"

static void
test_to_utf8 (void)
{
  static const struct
  {
    const char *input;
    gssize      length;     /* -1: up to the NUL */
    const char *charset;
    const char *expected;   /* NULL: only check it is valid UTF-8 */
  } cases[] = {
    { "550 " JA_ISO2022JP, -1, "iso-2022-jp", "550 " JA_UTF8 },
    { JA_ISO2022JP, -1, NULL, JA_UTF8 },
    { JA_ISO2022JP, -1, "us-ascii", JA_UTF8 },          /* wrong label */
    { JA_ISO2022JP, -1, "utf-8", JA_UTF8 },             /* wrong label */
    { JA_SJIS, -1, "Shift_JIS", JA_UTF8 },
    { JA_SJIS, -1, "x-sjis", JA_UTF8 },
    { JA_SJIS, -1, "windows-31j", JA_UTF8 },
    { JA_SJIS, -1, NULL, JA_UTF8 },                      /* no label */
    { JA_SJIS, -1, "utf-8", JA_UTF8 },                   /* wrong label */
    { JA_EUCJP, -1, "EUC-JP", JA_UTF8 },
    { JA_EUCJP, -1, "x-euc-jp", JA_UTF8 },
    { JA_EUCJP, -1, NULL, JA_UTF8 },                     /* no label */
    { "550 " JA_EUCJP " (#5.1.1)", -1, NULL, "550 " JA_UTF8 " (#5.1.1)" },
    { "\xc3\xbd\xc4", -1, NULL, NULL },                     /* half-width kana in Shift_JIS */
    { JA_UTF8, -1, "utf-8", JA_UTF8 },
    { JA_UTF8, -1, NULL, JA_UTF8 },
    { JA_UTF8, -1, "us-ascii", JA_UTF8 },                /* wrong label */
    { "caf\xe9", -1, "iso-8859-1", "caf\xc3\xa9" },
    { "caf\xe9", -1, "no-such-charset", NULL },
    { "plain ascii", -1, "x-unknown", "plain ascii" },
    { "bad \xff\xfe bytes", -1, "utf-8", NULL },
    { "nul\0inside", 10, NULL, NULL },
    { "nul\0and \x1b$B08\x1b(B", 17, "iso-2022-jp", NULL },
    { "\x1b$B", -1, "iso-2022-jp", NULL },               /* cut escape */
    { "", 0, "shift_jis", "" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length < 0 ? strlen (cases[i].input) : (gsize) cases[i].length;
      g_autofree char *out = _todoke_text_to_utf8 (cases[i].input, length, cases[i].charset);

      g_test_message ("case %" G_GSIZE_FORMAT " (%s)", i, cases[i].charset);
      g_assert_nonnull (out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
      if (cases[i].expected != NULL)
        g_assert_cmpstr (out, ==, cases[i].expected);
      if (cases[i].length > 0 && memchr (cases[i].input, '\0', cases[i].length) != NULL)
        g_assert_cmpuint (strlen (out), >=, strlen ("nul"));
    }
}

static void
test_make_valid (void)
{
  g_autofree char *a = _todoke_text_make_valid ("ok \xc3\x28 end", -1);
  g_autofree char *b = _todoke_text_make_valid ("a\0b", 3);
  g_autofree char *c = _todoke_text_make_valid (JA_UTF8, -1);

  g_assert_true (g_utf8_validate (a, -1, NULL));
  g_assert_true (g_str_has_prefix (a, "ok "));
  g_assert_true (g_str_has_suffix (a, "( end"));
  /* An embedded NUL does not cut the text short. */
  g_assert_true (g_utf8_validate (b, -1, NULL));
  g_assert_true (g_str_has_suffix (b, "b"));
  g_assert_cmpstr (c, ==, JA_UTF8);
  g_assert_null (_todoke_text_make_valid (NULL, -1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/text/normalize", test_normalize);
  g_test_add_func ("/todoke/text/single-address", test_single_address);
  g_test_add_func ("/todoke/text/find-status", test_find_status);
  g_test_add_func ("/todoke/text/is-status-code", test_is_status_code);
  g_test_add_func ("/todoke/text/find-reply-code", test_find_reply_code);
  g_test_add_func ("/todoke/text/find-address", test_find_address);
  g_test_add_func ("/todoke/text/clean-address", test_clean_address);
  g_test_add_func ("/todoke/text/host-matches", test_host_matches);
  g_test_add_func ("/todoke/text/strcasestr", test_strcasestr);
  g_test_add_func ("/todoke/text/squeeze", test_squeeze);
  g_test_add_func ("/todoke/text/to-utf8", test_to_utf8);
  g_test_add_func ("/todoke/text/make-valid", test_make_valid);

  return g_test_run ();
}
