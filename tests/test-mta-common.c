/* test-mta-common.c: todoke-mta-common.c, the helpers the report readers share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-message-private.h"
#include "todoke-mta-private.h"
#include "todoke-text-private.h"
#include "todoke-test-utils.h"

static TodokeMessage *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = todoke_test_bytes (text);
  g_autoptr(GError) error = NULL;
  TodokeMessage *message = _todoke_message_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);

  return message;
}

static void
test_lines (void)
{
  const char *text = "one\r\ntwo\n\nlast";
  g_autoptr(GString) many = g_string_new (NULL);
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint n = 0;

  _todoke_mta_lines_init (&lines, text);
  g_assert_true (_todoke_mta_lines_next (&lines, &line, &length));
  g_assert_cmpuint (length, ==, 3);
  g_assert_cmpstr (line, ==, "one");
  g_assert_true (_todoke_mta_lines_next (&lines, &line, NULL));
  g_assert_cmpstr (line, ==, "two");
  g_assert_true (_todoke_mta_lines_next (&lines, &line, &length));
  g_assert_cmpuint (length, ==, 0);
  g_assert_true (_todoke_mta_lines_next (&lines, &line, &length));
  g_assert_cmpstr (line, ==, "last");
  g_assert_cmpuint (length, ==, 4);
  g_assert_false (_todoke_mta_lines_next (&lines, &line, &length));
  /* The text walked is a copy: the caller's stays whole. */
  g_assert_cmpstr (text, ==, "one\r\ntwo\n\nlast");
  _todoke_mta_lines_clear (&lines);

  /* Bounded: no more than TODOKE_MTA_MAX_LINES lines. */
  while (many->len < 2 * TODOKE_MTA_MAX_LINES + 10)
    g_string_append (many, "x\n");
  _todoke_mta_lines_init (&lines, many->str);
  while (_todoke_mta_lines_next (&lines, &line, NULL))
    n++;
  g_assert_cmpuint (n, ==, TODOKE_MTA_MAX_LINES);
  _todoke_mta_lines_clear (&lines);
  _todoke_mta_lines_init (&lines, NULL);
  g_assert_false (_todoke_mta_lines_next (&lines, &line, NULL));
}

static void
test_cut_original (void)
{
  static const struct
  {
    const char *body;
    const char *kept;  /* what the report keeps */
  } cases[] = {
    /* Sendmail's report starts with this line: it is not the original. */
    { "The original message was received at Mon, 2 Mar 2026\nfrom host\n",
      "The original message was received at Mon, 2 Mar 2026\nfrom host\n" },
    { "<a@example.jp>:\nno such user\n--- Below this line is a copy of the message.\n\nTo: x\n",
      "<a@example.jp>:\nno such user\n" },
    { "report\n------ This is a copy of the message, including all the headers. ------\n",
      "report\n" },
    { "report\n--- The header of the original message is following. ---\nFrom: x\n",
      "report\n" },
    { "report\n   ----- Unsent message follows -----\nTo: y\n", "report\n" },
    { "report\n--- Enclosed is a copy of the message.\n", "report\n" },
    { "nothing to cut\n", "nothing to cut\n" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *kept = _todoke_mta_cut_original (cases[i].body);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (kept, ==, cases[i].kept);
    }
}

static void
test_inline_address (void)
{
  static const char *body =
    "421 example.org (smtp)... Deferred\n"
    "\n"
    "   ----- Unsent message follows -----\n"
    "Received: by old.example.jp; id AA1;\n"
    "    To: not@this.example\n"
    "From: sender@example.jp\n"
    "To: Goro <Goro@Example.ORG>\n"
    "\n"
    "To: body@example.jp\n";
  g_autofree char *to = _todoke_mta_dup_inline_address (body, "To");
  g_autofree char *from = _todoke_mta_dup_inline_address (body, "From");
  g_autofree char *cc = _todoke_mta_dup_inline_address (body, "Cc");
  g_autofree char *none = _todoke_mta_dup_inline_address ("To: x@example.jp\n", "To");

  g_assert_cmpstr (to, ==, "goro@example.org");
  g_assert_cmpstr (from, ==, "sender@example.jp");
  g_assert_null (cc);
  /* No marker: nothing is the returned original. */
  g_assert_null (none);
}

static void
test_dup_host (void)
{
  static const struct
  {
    const char *text;
    const char *host;
  } cases[] = {
    { "mx1.Example.ORG [192.0.2.41] did not like our RCPT TO:", "mx1.example.org" },
    { "host mx.example.org[192.0.2.50] said: 550", "mx.example.org" },
    { "<taro@example.org>: [127.0.0.1] said:", "127.0.0.1" },
    { "no brackets here", NULL },
    { "empty [] brackets", NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = _todoke_mta_dup_host (cases[i].text, strlen (cases[i].text));

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].text);
      g_assert_cmpstr (host, ==, cases[i].host);
    }
}

static void
test_take_reply (void)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();
  g_autoptr(TodokeRecord) staged = _todoke_record_new ();

  /* A multi-line reply becomes one line, its code and status taken once. */
  _todoke_mta_take_reply (record, "550-5.7.1 The sender is not\n550 5.7.1 authorised here\n");
  g_assert_cmpstr (record->diagnostic, ==, "550 5.7.1 The sender is not authorised here");
  g_assert_cmpuint (record->reply_code, ==, 550);
  g_assert_cmpstr (record->status, ==, "5.7.1");

  /* The MTA's own sentence before it stays; the stage is taken. */
  _todoke_mta_take_reply (staged, "host said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)");
  g_assert_cmpuint (staged->reply_code, ==, 552);
  g_assert_cmpstr (staged->status, ==, "5.2.2");
  g_assert_cmpint (staged->command, ==, TODOKE_COMMAND_RCPT);
  g_assert_nonnull (strstr (staged->diagnostic, "Mailbox full"));

  /* Later words are appended, not lost. */
  _todoke_mta_take_reply (staged, "retry timeout exceeded");
  g_assert_true (g_str_has_suffix (staged->diagnostic, "retry timeout exceeded"));
  _todoke_mta_take_reply (staged, NULL);
  _todoke_mta_take_reply (staged, "");
  g_assert_true (g_str_has_suffix (staged->diagnostic, "retry timeout exceeded"));
}

/* The one enrich-or-add decision of the reader contract. */
static void
test_record_for (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_record_free);
  TodokeRecords records;
  TodokeRecord *record;
  TodokeRecord *dsn;
  guint i;

  /* No DSN records: a new failed record, the same one for the same address. */
  _todoke_records_init (&records, list);
  g_assert_false (_todoke_mta_enriching (&records));
  record = _todoke_mta_record_for (&records, "taro@example.jp");
  g_assert_nonnull (record);
  g_assert_cmpstr (record->action, ==, "failed");
  g_assert_true (_todoke_mta_record_for (&records, "taro@example.jp") == record);
  g_assert_true (_todoke_records_find (&records, "taro@example.jp") == record);
  g_assert_null (_todoke_records_find (&records, "jiro@example.jp"));

  /* A recipient the report does not name gets a record of its own. */
  record = _todoke_mta_record_for (&records, NULL);
  g_assert_nonnull (record);
  g_assert_null (record->recipient);
  g_assert_cmpuint (list->len, ==, 2);

  /* Bounded: no more than the recipient limit. */
  for (i = 0; i < TODOKE_MTA_MAX_RECIPIENTS + 5; i++)
    {
      g_autofree char *address = g_strdup_printf ("user%u@example.jp", i);

      _todoke_mta_record_for (&records, address);
    }
  g_assert_cmpuint (list->len, ==, TODOKE_MTA_MAX_RECIPIENTS);
  g_assert_null (_todoke_mta_record_for (&records, "late@example.jp"));
  g_assert_nonnull (_todoke_mta_record_for (&records, "user5@example.jp"));
  _todoke_records_clear (&records);

  /* With DSN records, only those the DSN named, and the first of them. */
  g_ptr_array_set_size (list, 0);
  dsn = _todoke_record_new ();
  dsn->recipient = g_strdup ("hanako@example.jp");
  g_ptr_array_add (list, dsn);
  record = _todoke_record_new ();
  record->recipient = g_strdup ("hanako@example.jp");
  g_ptr_array_add (list, record);
  _todoke_records_init (&records, list);
  g_assert_true (_todoke_mta_enriching (&records));
  g_assert_true (_todoke_mta_record_for (&records, "hanako@example.jp") == dsn);
  g_assert_null (_todoke_mta_record_for (&records, "other@example.jp"));
  g_assert_null (_todoke_mta_record_for (&records, NULL));
  g_assert_cmpuint (list->len, ==, 2);
  _todoke_records_clear (&records);
}

/* Which command a reply answered comes from the dialogue's own markers,
 * pipelined (RFC 2920) or not. */
static void
test_dialogue (void)
{
  TodokeMtaDialogue dialogue = { 0 };
  guint i;

  /* One command at a time. */
  _todoke_mta_dialogue_sent (&dialogue, "MAIL FROM:<taro@example.jp>");
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "250 2.1.0 Ok"), ==, TODOKE_COMMAND_MAIL);
  _todoke_mta_dialogue_sent (&dialogue, "RCPT TO:<jiro@example.org>");
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "550-5.1.1 The account"), ==, TODOKE_COMMAND_RCPT);
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "550 5.1.1 does not exist"), ==, TODOKE_COMMAND_RCPT);

  /* Pipelined: the replies come back in the order of the commands. */
  _todoke_mta_dialogue_reset (&dialogue);
  _todoke_mta_dialogue_sent (&dialogue, "MAIL FROM:<taro@example.jp>");
  _todoke_mta_dialogue_sent (&dialogue, "RCPT TO:<jiro@example.org>");
  _todoke_mta_dialogue_sent (&dialogue, "DATA");
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "250 Ok"), ==, TODOKE_COMMAND_MAIL);
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "452 4.2.2 Over quota"), ==, TODOKE_COMMAND_RCPT);
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "554 5.5.1 no valid recipients"), ==, TODOKE_COMMAND_DATA);
  /* More replies than commands answer the last one. */
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "221 Bye"), ==, TODOKE_COMMAND_DATA);

  /* Sendmail shows only ">>> DATA" of a pipelined group: a recipient
   * rejected with an addressing status was answered to RCPT; a content
   * refusal naming an address was not. */
  _todoke_mta_dialogue_reset (&dialogue);
  _todoke_mta_dialogue_sent (&dialogue, "DATA");
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "550 5.1.1 <jiro@example.org>... User unknown"), ==,
                   TODOKE_COMMAND_RCPT);
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "554 5.7.1 <jiro@example.org>: spam"), ==,
                   TODOKE_COMMAND_DATA);
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "550 5.1.1 user unknown"), ==, TODOKE_COMMAND_DATA);

  /* A reply before any command, and a long pipeline, stay in bounds. */
  _todoke_mta_dialogue_reset (&dialogue);
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "220 mx ESMTP"), ==, TODOKE_COMMAND_NONE);
  for (i = 0; i < 3 * TODOKE_MTA_DIALOGUE_DEPTH; i++)
    _todoke_mta_dialogue_sent (&dialogue, "RCPT TO:<a@example.org>");
  _todoke_mta_dialogue_sent (&dialogue, "DATA");
  for (i = 0; i < TODOKE_MTA_DIALOGUE_DEPTH - 1; i++)
    g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "250 Ok"), ==, TODOKE_COMMAND_RCPT);
  g_assert_cmpint (_todoke_mta_dialogue_reply (&dialogue, "354 go ahead"), ==, TODOKE_COMMAND_DATA);

  g_assert_true (_todoke_mta_is_final_failure ("550 5.1.1 no"));
  g_assert_true (_todoke_mta_is_final_failure (" 421"));
  g_assert_false (_todoke_mta_is_final_failure ("550-5.1.1 no"));
  g_assert_false (_todoke_mta_is_final_failure ("250 Ok"));
}

static void
test_flush_words (void)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();
  g_autoptr(GString) text = g_string_new ("550 5.1.1 User unknown\n");

  _todoke_mta_flush_words (record, text, FALSE);
  g_assert_cmpstr (record->diagnostic, ==, "550 5.1.1 User unknown");
  g_assert_cmpuint (text->len, ==, 0);

  /* A DSN record keeps its own words. */
  g_string_assign (text, "something else");
  _todoke_mta_flush_words (record, text, TRUE);
  g_assert_cmpstr (record->diagnostic, ==, "550 5.1.1 User unknown");
  g_assert_cmpuint (text->len, ==, 0);

  g_string_assign (text, "dropped");
  _todoke_mta_flush_words (NULL, text, FALSE);
  g_assert_cmpuint (text->len, ==, 0);
}

static void
test_body_has (void)
{
  g_autoptr(TodokeMessage) message = NULL;
  g_autoptr(GString) text = g_string_new ("From: MAILER-DAEMON@example.jp\n"
                                          "Subject: failure\n\nHead of the report\n");
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;

  g_string_append_printf (text, "%*s\nFar marker\r\n", 600, "");
  message = parse (text->str);
  g_assert_true (_todoke_mta_body_has (message, "Head of the report", 64));
  /* Exact case, and only within the window. */
  g_assert_false (_todoke_mta_body_has (message, "head of the report", 64));
  g_assert_false (_todoke_mta_body_has (message, "Far marker", 64));
  g_assert_true (_todoke_mta_body_has (message, "Far marker", 4096));
  g_assert_true (_todoke_mta_header_has (message, "From", "mailer-daemon"));
  g_assert_false (_todoke_mta_header_has (message, "X-Mailer", "anything"));

  _todoke_mta_lines_init_report (&lines, message);
  g_assert_true (_todoke_mta_lines_next (&lines, &line, NULL));
  g_assert_cmpstr (line, ==, "Head of the report");
  g_assert_true (_todoke_mta_lines_next (&lines, &line, NULL));
  g_assert_true (_todoke_mta_lines_next (&lines, &line, NULL));
  g_assert_cmpstr (line, ==, "Far marker");
}

static void
test_quoted_local_part (void)
{
  g_autofree char *quoted = _todoke_text_clean_address ("rfc822; \"Taro..Hanako\"@Example.JP");
  g_autofree char *unbalanced = _todoke_text_clean_address ("x\"@example.jp");
  g_autofree char *plain = _todoke_text_clean_address ("<taro@example.jp>");

  g_assert_cmpstr (quoted, ==, "\"taro..hanako\"@example.jp");
  g_assert_null (unbalanced);
  g_assert_cmpstr (plain, ==, "taro@example.jp");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/todoke/mta-common/lines", test_lines);
  g_test_add_func ("/todoke/mta-common/cut-original", test_cut_original);
  g_test_add_func ("/todoke/mta-common/inline-address", test_inline_address);
  g_test_add_func ("/todoke/mta-common/dup-host", test_dup_host);
  g_test_add_func ("/todoke/mta-common/take-reply", test_take_reply);
  g_test_add_func ("/todoke/mta-common/record-for", test_record_for);
  g_test_add_func ("/todoke/mta-common/dialogue", test_dialogue);
  g_test_add_func ("/todoke/mta-common/flush-words", test_flush_words);
  g_test_add_func ("/todoke/mta-common/body-has", test_body_has);
  g_test_add_func ("/todoke/mta-common/quoted-local-part", test_quoted_local_part);

  return g_test_run ();
}
