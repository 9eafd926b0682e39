/* test-smtp-reply.c: todoke-smtp-reply.c, replies, log lines and alert texts
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-smtp-reply-private.h"
#include "todoke-test-utils.h"

typedef struct
{
  const char    *name;
  const char    *input;
  guint          code;
  const char    *enhanced;   /* NULL: none */
  const char    *message;    /* the reply's words; NULL: not compared */
  const char    *contains;   /* a phrase the message must hold; NULL: none */
  TodokeCommand  command;
} ReplyCase;

static const ReplyCase replies[] = {
  { "single-line", "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown",
    550, "5.1.1", "<taro@example.jp>: Recipient address rejected: User unknown", NULL, TODOKE_COMMAND_NONE },
  { "no-enhanced-code", "552 Requested mail action aborted: exceeded storage allocation",
    552, NULL, "Requested mail action aborted: exceeded storage allocation", NULL, TODOKE_COMMAND_NONE },
  { "status-in-text", "554 Message refused (5.7.1) by policy",
    554, "5.7.1", NULL, "Message refused", TODOKE_COMMAND_NONE },
  { "crlf", "535 5.7.8 Error: authentication failed: bad credentials\r\n",
    535, "5.7.8", "Error: authentication failed: bad credentials", NULL, TODOKE_COMMAND_NONE },
  { "code-only", "421", 421, NULL, "", NULL, TODOKE_COMMAND_NONE },
  { "temporary", "451 4.3.0 Temporary local problem, try again later",
    451, "4.3.0", "Temporary local problem, try again later", NULL, TODOKE_COMMAND_NONE },
  { "multi-line-gmail",
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550-5.1.1 unnecessary spaces. For more information, go to\r\n"
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d2-20020a05 - gsmtp\r\n",
    550, "5.1.1", NULL, "does not exist. Please try double-checking the recipient's", TODOKE_COMMAND_NONE },
  { "multi-line-quota",
    "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\n"
    "550-5.4.5 sending limits go to\n"
    "550 5.4.5  https://support.google.com/a/answer/166852 z1sm - gsmtp",
    550, "5.4.5", NULL, "Daily user sending limit exceeded. For more information on Gmail sending limits",
    TODOKE_COMMAND_NONE },
  { "multi-line-no-enhanced",
    "554-mx.example.jp\n554-Your IP is listed at a blocklist\n554 Connection refused",
    554, NULL, "mx.example.jp Your IP is listed at a blocklist Connection refused", NULL, TODOKE_COMMAND_NONE },
  { "reply-in-sentence", "host mx.example.jp[192.0.2.25] said: 450 4.2.1 Rate limited, slow down",
    450, "4.2.1", NULL, "Rate limited", TODOKE_COMMAND_NONE },
  /* Thunderbird's console log line: the enhanced code is stripped by its parser. */
  { "thunderbird-log-rcpt",
    "mailnews.smtp: Command failed: 550 Requested action not taken: mailbox unavailable; "
    "currentAction=_actionRCPT",
    550, NULL, "Requested action not taken: mailbox unavailable", NULL, TODOKE_COMMAND_RCPT },
  { "thunderbird-log-mail",
    "mailnews.smtp: Command failed: 553 Sender address rejected: not owned by user taro@example.jp; "
    "currentAction=_actionMAIL",
    553, NULL, NULL, "not owned by user", TODOKE_COMMAND_MAIL },
  { "thunderbird-log-auth",
    "mailnews.smtp: Command failed: 535 Authentication credentials invalid; currentAction=_actionAuth",
    535, NULL, "Authentication credentials invalid", NULL, TODOKE_COMMAND_AUTH },
  { "thunderbird-log-data",
    "mailnews.smtp: Command failed: 552 Message size exceeds fixed maximum message size; "
    "currentAction=_actionData",
    552, NULL, NULL, "exceeds fixed maximum", TODOKE_COMMAND_DATA },
  /* Thunderbird's alert texts (composeMsgs.properties) with a real reply in %S. */
  { "thunderbird-alert-rcpt-en",
    "An error occurred while sending mail. The mail server responded:\n"
    "550 5.1.1 <hanako@example.co.jp>: Recipient address rejected: User unknown in local recipient table.\n"
    "Please check the message recipient \"hanako@example.co.jp\" and try again.",
    550, "5.1.1", NULL, "User unknown in local recipient table", TODOKE_COMMAND_NONE },
  { "thunderbird-alert-rcpt-ja",
    "\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab\xe3\x81\xae\xe9\x80\x81\xe4\xbf\xa1\xe4\xb8\xad\xe3\x81\xab"
    "\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc\xe3\x81\x8c\xe7\x99\xba\xe7\x94\x9f\xe3\x81\x97\xe3\x81\xbe"
    "\xe3\x81\x97\xe3\x81\x9f\xe3\x80\x82\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x90\xe3\x83\xbc\xe3\x81\x8b"
    "\xe3\x82\x89\xe3\x81\xae\xe5\xbf\x9c\xe7\xad\x94:\n"
    "550 Requested action not taken: mailbox unavailable\n"
    "\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xbb\xe3\x83\xbc\xe3\x82\xb8\xe3\x81\xae\xe5\x8f\x97\xe4\xbf\xa1"
    "\xe8\x80\x85 \"jiro@example.jp\" \xe3\x82\x92\xe7\xa2\xba\xe8\xaa\x8d\xe3\x81\x97\xe3\x80\x81"
    "\xe5\x86\x8d\xe5\xba\xa6\xe8\xa9\xa6\xe3\x81\x97\xe3\x81\xa6\xe3\x81\x8f\xe3\x81\xa0\xe3\x81\x95"
    "\xe3\x81\x84\xe3\x80\x82",
    550, NULL, "Requested action not taken: mailbox unavailable", NULL, TODOKE_COMMAND_NONE },
  { "thunderbird-alert-from-en",
    "An error occurred while sending mail. The mail server responded: 553 5.7.1 <taro@example.jp>: "
    "Sender address rejected: not owned by user. Please verify that your email address is correct in "
    "your account settings and try again.",
    553, "5.7.1", NULL, "Sender address rejected", TODOKE_COMMAND_NONE },
  { "thunderbird-alert-server-en",
    "An error occurred while sending mail: Outgoing server (SMTP) error. The server responded:  "
    "554 5.7.0 Reject, id=12345-01 - spam.",
    554, "5.7.0", NULL, "Reject", TODOKE_COMMAND_NONE },
  { "thunderbird-alert-size-ja",
    "\xe9\x80\x81\xe4\xbf\xa1\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xbb\xe3\x83\xbc\xe3\x82\xb8\xe3\x81\xae"
    "\xe3\x82\xb5\xe3\x82\xa4\xe3\x82\xba\xe3\x81\x8c\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x90\xe3\x83\xbc"
    "\xe3\x81\xae\xe3\x82\xb5\xe3\x82\xa4\xe3\x82\xba\xe5\x88\xb6\xe9\x99\x90\xe3\x82\x92\xe8\xb6\x85"
    "\xe3\x81\x88\xe3\x81\x9f\xe3\x81\x9f\xe3\x82\x81\xe3\x80\x81\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xbb"
    "\xe3\x83\xbc\xe3\x82\xb8\xe3\x82\x92\xe9\x80\x81\xe4\xbf\xa1\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe"
    "\xe3\x81\x9b\xe3\x82\x93\xe3\x81\xa7\xe3\x81\x97\xe3\x81\x9f\xe3\x80\x82"
    "\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x90\xe3\x83\xbc\xe3\x81\x8b\xe3\x82\x89\xe3\x81\xae\xe5\xbf\x9c"
    "\xe7\xad\x94: 552 5.3.4 Message size exceeds fixed limit",
    552, "5.3.4", NULL, "Message size exceeds fixed limit", TODOKE_COMMAND_NONE },
};

static void
test_reply (gconstpointer data)
{
  const ReplyCase *c = data;
  g_autofree char *enhanced = NULL;
  g_autofree char *message = NULL;
  g_autoptr(TodokeRecord) record = _todoke_record_new ();
  guint code = 0;

  g_assert_true (_todoke_smtp_reply_parse (c->input, &code, &enhanced, &message));
  g_assert_cmpuint (code, ==, c->code);
  g_assert_cmpstr (enhanced, ==, c->enhanced);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  if (c->message != NULL)
    g_assert_cmpstr (message, ==, c->message);
  if (c->contains != NULL)
    g_assert_nonnull (strstr (message, c->contains));

  /* The record a classifier gets holds the same, plus the SMTP stage. */
  _todoke_smtp_reply_parse_into (c->input, record);
  g_assert_cmpuint (record->reply_code, ==, c->code);
  g_assert_cmpstr (record->status[0] ? record->status : NULL, ==, c->enhanced);
  g_assert_cmpint (record->command, ==, c->command);
  g_assert_nonnull (record->diagnostic);
  g_assert_true (g_utf8_validate (record->diagnostic, -1, NULL));
  g_assert_null (strchr (record->diagnostic, '\n'));
  g_assert_null (strstr (record->diagnostic, "currentAction"));
  if (c->contains != NULL)
    g_assert_nonnull (strstr (record->diagnostic, c->contains));
}

static void
test_garbage (void)
{
  static const char * const inputs[] = {
    "", "hello world", "\xff\xfe\xfd binary", "9999 not a reply", "Connection closed",
    "   \r\n\r\n  ", "5.1.1", "-550", "55", "mailnews.smtp: Command failed: ; currentAction=",
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *enhanced = NULL;
      g_autofree char *message = NULL;
      guint code = 1234;
      gboolean found;

      g_autofree char *shown = g_strescape (inputs[i], NULL);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, shown);
      found = _todoke_smtp_reply_parse (inputs[i], &code, &enhanced, &message);
      /* A bare status code is a finding; everything else is not. */
      g_assert_cmpint (found, ==, strcmp (inputs[i], "5.1.1") == 0);
      g_assert_cmpuint (code, ==, 0);
      if (message != NULL)
        g_assert_true (g_utf8_validate (message, -1, NULL));
    }

  /* NULL text: nothing found, nothing crashes. */
  {
    guint code = 1;

    g_assert_false (_todoke_smtp_reply_parse (NULL, &code, NULL, NULL));
    g_assert_cmpuint (code, ==, 0);
  }
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *message = NULL;
  guint code = 0;

  g_assert_true (_todoke_smtp_reply_parse ("550 5.1.1 Benutzer \xfc" "bel \xff unbekannt", &code, NULL, &message));
  g_assert_cmpuint (code, ==, 550);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_true (g_str_has_prefix (message, "Benutzer "));
  g_assert_true (g_str_has_suffix (message, " unbekannt"));
}

/* Long input is cut to TODOKE_MAX_REPLY_LENGTH, never refused. */
static void
test_very_long (void)
{
  g_autoptr(GString) input = g_string_new ("552-5.2.2 Mailbox full\n");
  g_autofree char *enhanced = NULL;
  g_autofree char *message = NULL;
  g_autoptr(TodokeRecord) record = _todoke_record_new ();
  guint code = 0;
  guint i;

  for (i = 0; i < 40000; i++)
    g_string_append (input, "552-5.2.2 and more words about the quota\n");
  g_string_append (input, "552 5.2.2 end\n");
  g_assert_cmpuint (input->len, >, 4 * TODOKE_MAX_REPLY_LENGTH);

  g_assert_true (_todoke_smtp_reply_parse (input->str, &code, &enhanced, &message));
  g_assert_cmpuint (code, ==, 552);
  g_assert_cmpstr (enhanced, ==, "5.2.2");
  g_assert_true (g_str_has_prefix (message, "Mailbox full and more words"));
  g_assert_cmpuint (strlen (message), <=, TODOKE_MAX_REPLY_LENGTH);

  _todoke_smtp_reply_parse_into (input->str, record);
  g_assert_cmpuint (strlen (record->diagnostic), <=, TODOKE_MAX_REPLY_LENGTH + 64);

  /* One endless line without any newline. */
  g_string_assign (input, "550 ");
  for (i = 0; i < 200000; i++)
    g_string_append_c (input, 'x');
  g_clear_pointer (&message, g_free);
  g_assert_true (_todoke_smtp_reply_parse (input->str, &code, NULL, &message));
  g_assert_cmpuint (code, ==, 550);
  g_assert_cmpuint (strlen (message), <=, TODOKE_MAX_REPLY_LENGTH);
}

int
main (int   argc,
      char *argv[])
{
  gsize i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autofree char *path = g_strdup_printf ("/todoke/smtp-reply/%s", replies[i].name);

      g_test_add_data_func (path, &replies[i], test_reply);
    }
  g_test_add_func ("/todoke/smtp-reply/garbage", test_garbage);
  g_test_add_func ("/todoke/smtp-reply/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/todoke/smtp-reply/very-long", test_very_long);

  return g_test_run ();
}
