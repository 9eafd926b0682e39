/* test-dsn.c: todoke-dsn.c, RFC 3464 / 6533 delivery-status fields
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-dsn-private.h"
#include "todoke-text-private.h"
#include "todoke-test-utils.h"

/* A multipart/report around one delivery-status part. */
static TodokeMessage *
parse_report (const char *status_type,
              const char *fields)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
    "To: sender@example.org\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    "Your message could not be delivered.\r\n"
    "--b1\r\n"
    "Content-Type: %s\r\n"
    "\r\n"
    "%s"
    "--b1--\r\n", status_type, fields);
  g_autoptr(GBytes) bytes = todoke_test_bytes (text);
  TodokeMessage *message = _todoke_message_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_cmpuint (message->dsn_parts->len, ==, 1);

  return message;
}

static GPtrArray *
extract (const char *status_type,
         const char *fields,
         gboolean    expect_found)
{
  g_autoptr(TodokeMessage) message = parse_report (status_type, fields);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_record_free);

  g_assert_cmpint (_todoke_dsn_extract (message, records), ==, expect_found);

  return records;
}

static void
test_fields_parse (void)
{
  const char *text =
    "Reporting-MTA: dns; mx.example.net\r\n"
    "X-Long-Field: one\r\n"
    "   two\r\n"
    "\tthree\r\n"
    "not a field line\r\n"
    "Arrival-Date: Mon, 2 Mar 2026 10:00:00 +0900\r\n"
    "\r\n"
    "Final-Recipient: rfc822; next@example.jp\r\n";
  const char *rest = NULL;
  g_autoptr(GPtrArray) fields = _todoke_fields_parse (text, TRUE, &rest);
  g_autoptr(GPtrArray) all = _todoke_fields_parse (text, FALSE, NULL);
  g_autoptr(GPtrArray) empty = _todoke_fields_parse ("", TRUE, NULL);
  g_autofree char *unfolded = NULL;

  g_assert_cmpuint (fields->len, ==, 3);
  g_assert_cmpstr (_todoke_fields_get (fields, "reporting-mta"), ==, "dns; mx.example.net");
  /* Continuation lines join the value; how much white space stays is free. */
  unfolded = _todoke_text_squeeze (_todoke_fields_get (fields, "X-LONG-FIELD"));
  g_assert_cmpstr (unfolded, ==, "one two three");
  g_assert_cmpstr (_todoke_fields_get (fields, "Arrival-Date"), ==, "Mon, 2 Mar 2026 10:00:00 +0900");
  g_assert_null (_todoke_fields_get (fields, "Final-Recipient"));
  g_assert_true (g_str_has_prefix (rest, "Final-Recipient:"));

  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (_todoke_fields_get (all, "Final-Recipient"), ==, "rfc822; next@example.jp");
  g_assert_cmpuint (empty->len, ==, 0);
}

/* Leading blank lines do not end an empty block; a name needs letters. */
static void
test_fields_edge (void)
{
  const char *rest = NULL;
  g_autoptr(GPtrArray) a = _todoke_fields_parse ("\r\n\r\nStatus: 5.0.0\r\n\r\nX: y", TRUE, &rest);
  g_autoptr(GPtrArray) b = _todoke_fields_parse (": no name\nBad Name: x\n  orphan continuation\n", FALSE, NULL);
  g_autoptr(GPtrArray) c = _todoke_fields_parse ("Status:5.1.1", FALSE, NULL);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (_todoke_fields_get (a, "Status"), ==, "5.0.0");
  g_assert_cmpstr (rest, ==, "X: y");
  g_assert_cmpuint (b->len, ==, 0);
  g_assert_cmpstr (_todoke_fields_get (c, "status"), ==, "5.1.1");
}

static void
test_several_recipients (void)
{
  g_autoptr(GPtrArray) records = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; <Taro@Example.JP>\r\n"
    "Original-Recipient: rfc822; alias@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Remote-MTA: dns; mx1.example.jp [192.0.2.10]\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <taro@example.jp>: Recipient address\r\n"
    "    rejected: User unknown in local recipient table\r\n"
    "\r\n"
    "Final-Recipient: rfc822; hanako@example.co.jp\r\n"
    "Action: delayed\r\n"
    "Status: 4.2.2 (mailbox full)\r\n"
    "Remote-MTA: dns; [192.0.2.20]\r\n"
    "Diagnostic-Code: smtp; 452 4.2.2 Over quota\r\n"
    "\r\n"
    "Final-Recipient: rfc822; jiro@example.com\r\n"
    "Action: failed (permanent)\r\n"
    "Status: 5.0.0\r\n"
    "\r\n", TRUE);
  TodokeRecord *r;

  g_assert_cmpuint (records->len, ==, 3);

  /* The address the user wrote (RFC 3464 Original-Recipient) is the
   * recipient; the one an alias made of it is kept beside it. */
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->recipient, ==, "alias@example.jp");
  g_assert_cmpstr (r->final_recipient, ==, "taro@example.jp");
  g_assert_cmpstr (r->action, ==, "failed");
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_cmpuint (r->reply_code, ==, 550);
  g_assert_cmpstr (r->remote_host, ==, "mx1.example.jp");
  g_assert_cmpstr (r->reporting_mta, ==, "mx.example.net");
  /* Folded lines are unfolded, the "smtp;" type is not part of the words. */
  g_assert_cmpstr (r->diagnostic, ==,
                   "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in local recipient table");

  r = g_ptr_array_index (records, 1);
  g_assert_cmpstr (r->recipient, ==, "hanako@example.co.jp");
  g_assert_null (r->final_recipient);
  g_assert_cmpstr (r->action, ==, "delayed");
  g_assert_cmpstr (r->status, ==, "4.2.2");
  g_assert_cmpuint (r->reply_code, ==, 452);
  g_assert_cmpstr (r->remote_host, ==, "192.0.2.20");

  r = g_ptr_array_index (records, 2);
  g_assert_cmpstr (r->recipient, ==, "jiro@example.com");
  g_assert_cmpstr (r->action, ==, "failed");
  g_assert_cmpstr (r->status, ==, "5.0.0");
  g_assert_null (r->diagnostic);
  g_assert_cmpuint (r->reply_code, ==, 0);
}

/* Original-Recipient wins only when it is an address of a known type; the
 * same address written once quoted and once not is one address. */
static void
test_original_recipient (void)
{
  g_autoptr(GPtrArray) records = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; \"taro..yamada\"@example.jp\r\n"
    "Original-Recipient: rfc822; taro..yamada@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "\r\n"
    "Final-Recipient: rfc822; hanako@mx2.example.jp\r\n"
    "Original-Recipient: x-unknown; hanako\r\n"
    "Action: failed\r\n"
    "Status: 5.2.2\r\n"
    "\r\n"
    "Original-Recipient: rfc822;Jiro@Example.COM\r\n"
    "Final-Recipient: rfc822;jiro@example.com\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "\r\n", TRUE);
  TodokeRecord *r;

  g_assert_cmpuint (records->len, ==, 3);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->recipient, ==, "\"taro..yamada\"@example.jp");
  g_assert_null (r->final_recipient);
  r = g_ptr_array_index (records, 1);
  g_assert_cmpstr (r->recipient, ==, "hanako@mx2.example.jp");
  g_assert_null (r->final_recipient);
  r = g_ptr_array_index (records, 2);
  g_assert_cmpstr (r->recipient, ==, "jiro@example.com");
  g_assert_null (r->final_recipient);
}

static void
test_diagnostic_types (void)
{
  static const struct
  {
    const char *value;
    const char *diagnostic;
    guint       code;
    const char *status;
    const char *hint;
  } cases[] = {
    { "smtp; 550 5.7.1 Message rejected", "550 5.7.1 Message rejected", 550, "5.7.1", NULL },
    { "SMTP;552 5.2.2 Mailbox full", "552 5.2.2 Mailbox full", 552, "5.2.2", NULL },
    { "X-Postfix; host mx.example.jp said: 554 5.7.1 Spam", "host mx.example.jp said: 554 5.7.1 Spam",
      554, "5.7.1", NULL },
    { "x-unix; /usr/bin/procmail: exit 75", "/usr/bin/procmail: exit 75", 0, "", "x-unix" },
    { "X-Notes; User taro (taro@example.jp) not listed in Domino Directory",
      "User taro (taro@example.jp) not listed in Domino Directory", 0, "", NULL },
    { "550 5.1.1 no type given; whatever", "550 5.1.1 no type given; whatever", 550, "5.1.1", NULL },
    { "smtp;", NULL, 0, "", NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeRecord) record = _todoke_record_new ();

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, cases[i].value);
      _todoke_dsn_apply_diagnostic (record, cases[i].value);
      g_assert_cmpstr (record->diagnostic, ==, cases[i].diagnostic);
      g_assert_cmpuint (record->reply_code, ==, cases[i].code);
      g_assert_cmpstr (record->status, ==, cases[i].status);
      g_assert_cmpstr (record->hint, ==, cases[i].hint);
    }
}

/* A Status field wins over the code inside the diagnostic. */
static void
test_status_precedence (void)
{
  g_autoptr(GPtrArray) records = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; a@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.2.0\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 Unknown user a@example.jp\r\n"
    "\r\n"
    "Final-Recipient: rfc822; b@example.jp\r\n"
    "Action: failed\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 Unknown user b@example.jp\r\n", TRUE);
  TodokeRecord *a = g_ptr_array_index (records, 0);
  TodokeRecord *b = g_ptr_array_index (records, 1);

  g_assert_cmpstr (a->status, ==, "5.2.0");
  g_assert_cmpstr (b->status, ==, "5.1.1");
}

static void
test_missing_final_recipient (void)
{
  g_autoptr(GPtrArray) original = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Original-Recipient: rfc822; kept@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n", TRUE);
  g_autoptr(GPtrArray) none = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n", FALSE);
  g_autoptr(GPtrArray) unusable = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; <>\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n", TRUE);
  TodokeRecord *r = g_ptr_array_index (original, 0);

  g_assert_cmpuint (original->len, ==, 1);
  g_assert_cmpstr (r->recipient, ==, "kept@example.jp");
  g_assert_cmpuint (none->len, ==, 0);
  /* A record without an address is kept for the caller to fill in. */
  g_assert_cmpuint (unusable->len, ==, 1);
  r = g_ptr_array_index (unusable, 0);
  g_assert_cmpstr (r->recipient, ==, "");
  g_assert_cmpstr (r->status, ==, "5.1.1");
}

/* Some writers put the only recipient into the per-message block. */
static void
test_recipient_in_message_block (void)
{
  g_autoptr(GPtrArray) records = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "Final-Recipient: rfc822; solo@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.7.1\r\n", TRUE);
  TodokeRecord *r = g_ptr_array_index (records, 0);

  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (r->recipient, ==, "solo@example.jp");
  g_assert_cmpstr (r->status, ==, "5.7.1");
  g_assert_cmpstr (r->reporting_mta, ==, "mx.example.net");
}

/* RFC 6533: UTF-8 addresses and words in message/global-delivery-status. */
static void
test_global_delivery_status (void)
{
  g_autoptr(GPtrArray) records = extract ("message/global-delivery-status; charset=utf-8",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: utf-8; \xe5\xa4\xaa\xe9\x83\x8e@\xe4\xbe\x8b\xe3\x81\x88.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 \xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e\r\n"
    "\r\n", TRUE);
  TodokeRecord *r = g_ptr_array_index (records, 0);

  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (r->recipient, ==, "\xe5\xa4\xaa\xe9\x83\x8e@\xe4\xbe\x8b\xe3\x81\x88.jp");
  g_assert_cmpstr (r->diagnostic, ==, "550 5.1.1 \xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e");
  g_assert_cmpstr (r->status, ==, "5.1.1");
}

/* Invalid bytes in a delivery-status part are replaced, never passed on. */
static void
test_invalid_bytes (void)
{
  g_autoptr(GPtrArray) records = extract ("message/delivery-status",
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; x@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 bad \xff\xfe bytes\r\n", TRUE);
  TodokeRecord *r = g_ptr_array_index (records, 0);

  g_assert_true (g_utf8_validate (r->diagnostic, -1, NULL));
  g_assert_true (g_str_has_prefix (r->diagnostic, "550 5.1.1 bad "));
}

/* Recipients per message are bounded. */
static void
test_many_recipients (void)
{
  g_autoptr(GString) fields = g_string_new ("Reporting-MTA: dns; mx.example.net\r\n\r\n");
  g_autoptr(GPtrArray) records = NULL;
  guint i;

  for (i = 0; i < 3000; i++)
    g_string_append_printf (fields, "Final-Recipient: rfc822; u%u@example.jp\r\nStatus: 5.1.1\r\n\r\n", i);
  records = extract ("message/delivery-status", fields->str, TRUE);
  g_assert_cmpuint (records->len, >=, 1000);
  g_assert_cmpuint (records->len, <=, 1001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/todoke/dsn/fields-parse", test_fields_parse);
  g_test_add_func ("/todoke/dsn/fields-edge", test_fields_edge);
  g_test_add_func ("/todoke/dsn/several-recipients", test_several_recipients);
  g_test_add_func ("/todoke/dsn/original-recipient", test_original_recipient);
  g_test_add_func ("/todoke/dsn/diagnostic-types", test_diagnostic_types);
  g_test_add_func ("/todoke/dsn/status-precedence", test_status_precedence);
  g_test_add_func ("/todoke/dsn/missing-final-recipient", test_missing_final_recipient);
  g_test_add_func ("/todoke/dsn/recipient-in-message-block", test_recipient_in_message_block);
  g_test_add_func ("/todoke/dsn/global-delivery-status", test_global_delivery_status);
  g_test_add_func ("/todoke/dsn/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/todoke/dsn/many-recipients", test_many_recipients);

  return g_test_run ();
}
