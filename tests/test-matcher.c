/* test-matcher.c: todoke-matcher.c, rule phrases and code patterns
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-matcher-private.h"
#include "todoke-text-private.h"
#include "todoke-test-utils.h"

static void
test_phrase_matches (void)
{
  static const struct
  {
    const char *pattern;
    const char *text;      /* as the server wrote it; normalized before matching */
    gboolean    expected;
  } cases[] = {
    { "user unknown", "550 5.1.1 <a@b.example>: User Unknown", TRUE },
    { "user unknown", "550 5.1.1 User\r\n  unknown", TRUE },
    { "USER   Unknown", "user unknown", TRUE },
    { "user unknown", "unknown user", FALSE },
    { "user unknown", "userunknown", FALSE },
    { "user * unknown", "user taro@example.jp is unknown", TRUE },
    { "user * unknown", "unknown user", FALSE },
    { "a*b", "ab", TRUE },
    { "quota * exceeded * mailbox", "Quota was exceeded for the mailbox", TRUE },
    { "quota * exceeded * mailbox", "mailbox quota exceeded", FALSE },
    { "^550", "550 denied", TRUE },
    { "^550", "said 550 denied", FALSE },
    { "^ 550", "  550 denied", TRUE },
    { "full$", "Mailbox FULL", TRUE },
    { "full$", "full mailbox", FALSE },
    { "full$", "full and full", TRUE },
    { "^mailbox full$", "Mailbox  full", TRUE },
    { "^mailbox full$", "mailbox full!", FALSE },
    { "^user unknown$", "user unknown user unknown", FALSE },
    { "^a * a$", "a", FALSE },
    { "^a * a$", "a a", TRUE },
    { "^user * unknown$", "user x unknown", TRUE },
    { "access denied", "", FALSE },
    { "\xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e", "550 \xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e", TRUE },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = _todoke_text_normalize (cases[i].text, -1);
      TodokePhrase *phrase = _todoke_phrase_new (cases[i].pattern, &error);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s] in [%s]", i, cases[i].pattern, cases[i].text);
      g_assert_no_error (error);
      g_assert_nonnull (phrase);
      g_assert_cmpstr (_todoke_phrase_get_pattern (phrase), ==, cases[i].pattern);
      g_assert_cmpint (_todoke_phrase_matches (phrase, text, strlen (text)), ==, cases[i].expected);
      _todoke_phrase_free (phrase);
    }
}

static void
test_phrase_invalid (void)
{
  static const char * const patterns[] = {
    "", "   ", "*", " * ", "* *", "^$", "^", "$", "^*$", "\t\r\n",
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GError) error = NULL;
      TodokePhrase *phrase = _todoke_phrase_new (patterns[i], &error);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, patterns[i]);
      g_assert_null (phrase);
      g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA);
    }
}

/* The length, not a NUL, ends the text. */
static void
test_phrase_length (void)
{
  g_autoptr(GError) error = NULL;
  TodokePhrase *phrase = _todoke_phrase_new ("mailbox full", &error);
  const char *text = "mailbox full";

  g_assert_no_error (error);
  g_assert_true (_todoke_phrase_matches (phrase, text, 12));
  g_assert_false (_todoke_phrase_matches (phrase, text, 11));
  g_assert_false (_todoke_phrase_matches (phrase, text, 0));
  _todoke_phrase_free (phrase);
}

static void
test_status_pattern (void)
{
  static const struct
  {
    const char *pattern;
    const char *status;
    gboolean    expected;
  } cases[] = {
    { "5.1.1", "5.1.1", TRUE },
    { "5.1.1", "5.1.10", FALSE },
    { "5.1.1", "4.1.1", FALSE },
    { "5.1.10", "5.1.1", FALSE },
    { "5.7.*", "5.7.26", TRUE },
    { "5.7.*", "5.7.1", TRUE },
    { "5.7.*", "5.1.1", FALSE },
    { "*.2.2", "4.2.2", TRUE },
    { "*.2.2", "5.2.2", TRUE },
    { "*.2.2", "5.2.20", FALSE },
    { "*.*.*", "4.4.7", TRUE },
    { "5.1.1", "", FALSE },
    { "5.1.1", NULL, FALSE },
    { "5.7.1", "5.7.1.", FALSE },
    { "5.1.*", "5.1", FALSE },
  };
  static const struct
  {
    const char *pattern;
    gboolean    valid;
  } validity[] = {
    { "5.1.1", TRUE }, { "5.7.*", TRUE }, { "*.2.2", TRUE }, { "*.*.*", TRUE },
    { "4.7.650", TRUE }, { "5.1", FALSE }, { "5.1.1.1", FALSE }, { "5.a.1", FALSE },
    { "5..1", FALSE }, { "5.1234.1", FALSE }, { "5.1.**", FALSE }, { "", FALSE },
    { "5.1.1 ", FALSE }, { NULL, FALSE },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %" G_GSIZE_FORMAT ": %s ~ %s", i, cases[i].pattern, cases[i].status);
      g_assert_cmpint (_todoke_status_matches (cases[i].pattern, cases[i].status), ==, cases[i].expected);
    }
  for (i = 0; i < G_N_ELEMENTS (validity); i++)
    {
      g_test_message ("validity %" G_GSIZE_FORMAT ": [%s]", i, validity[i].pattern);
      g_assert_cmpint (_todoke_status_pattern_is_valid (validity[i].pattern), ==, validity[i].valid);
    }
}

static void
test_reply_pattern (void)
{
  static const struct
  {
    const char *pattern;
    guint       code;
    gboolean    expected;
  } cases[] = {
    { "550", 550, TRUE },
    { "550", 551, FALSE },
    { "55x", 552, TRUE },
    { "55x", 542, FALSE },
    { "4xx", 451, TRUE },
    { "5xx", 451, FALSE },
    { "5x4", 554, TRUE },
    { "550", 0, FALSE },
    { "5xx", 600, FALSE },
    { "5xx", 5500, FALSE },
  };
  static const struct
  {
    const char *pattern;
    gboolean    valid;
  } validity[] = {
    { "550", TRUE }, { "4xx", TRUE }, { "2xx", TRUE }, { "55x", TRUE },
    { "650", FALSE }, { "150", FALSE }, { "55", FALSE }, { "5500", FALSE },
    { "x50", FALSE }, { "5X0", FALSE }, { "5 0", FALSE }, { "", FALSE }, { NULL, FALSE },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %" G_GSIZE_FORMAT ": %s ~ %u", i, cases[i].pattern, cases[i].code);
      g_assert_cmpint (_todoke_reply_matches (cases[i].pattern, cases[i].code), ==, cases[i].expected);
    }
  for (i = 0; i < G_N_ELEMENTS (validity); i++)
    {
      g_test_message ("validity %" G_GSIZE_FORMAT ": [%s]", i, validity[i].pattern);
      g_assert_cmpint (_todoke_reply_pattern_is_valid (validity[i].pattern), ==, validity[i].valid);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/matcher/phrase-matches", test_phrase_matches);
  g_test_add_func ("/todoke/matcher/phrase-invalid", test_phrase_invalid);
  g_test_add_func ("/todoke/matcher/phrase-length", test_phrase_length);
  g_test_add_func ("/todoke/matcher/status-pattern", test_status_pattern);
  g_test_add_func ("/todoke/matcher/reply-pattern", test_reply_pattern);

  return g_test_run ();
}
