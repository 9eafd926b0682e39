/* test-record.c: todoke-record.c, what a parser keeps about one recipient
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-record-private.h"
#include "todoke-text-private.h"
#include "todoke-test-utils.h"

static void
test_set_diagnostic (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "550 5.1.1  User\r\n    unknown  ", "550 5.1.1 User unknown" },
    { "  \r\n\t ", NULL },
    { "", NULL },
    { "bad \xff bytes", NULL },   /* only checked to be valid UTF-8 below */
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeRecord) record = _todoke_record_new ();

      g_autofree char *shown = g_strescape (cases[i].input, NULL);

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, shown);
      _todoke_record_set_diagnostic (record, cases[i].input);
      if (strchr (cases[i].input, '\xff') != NULL)
        {
          g_assert_nonnull (record->diagnostic);
          g_assert_true (g_utf8_validate (record->diagnostic, -1, NULL));
          g_assert_true (g_str_has_prefix (record->diagnostic, "bad "));
        }
      else
        g_assert_cmpstr (record->diagnostic, ==, cases[i].expected);
    }

  /* Setting again replaces; NULL clears. */
  {
    g_autoptr(TodokeRecord) record = _todoke_record_new ();

    _todoke_record_set_diagnostic (record, "first");
    _todoke_record_set_diagnostic (record, "second");
    g_assert_cmpstr (record->diagnostic, ==, "second");
    _todoke_record_set_diagnostic (record, NULL);
    g_assert_null (record->diagnostic);
  }
}

/* The server's words are bounded, however long the input. */
static void
test_diagnostic_limit (void)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();
  g_autofree char *huge = g_strnfill (4 * TODOKE_MAX_FIELD_LENGTH, 'x');

  _todoke_record_set_diagnostic (record, huge);
  g_assert_cmpuint (strlen (record->diagnostic), <=, TODOKE_MAX_FIELD_LENGTH);
  _todoke_record_append_diagnostic (record, huge);
  g_assert_cmpuint (strlen (record->diagnostic), <=, TODOKE_MAX_FIELD_LENGTH);
}

static void
test_append_diagnostic (void)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();

  _todoke_record_append_diagnostic (record, "550 5.1.1");
  g_assert_cmpstr (record->diagnostic, ==, "550 5.1.1");
  _todoke_record_append_diagnostic (record, " user\nunknown ");
  g_assert_cmpstr (record->diagnostic, ==, "550 5.1.1 user unknown");
  _todoke_record_append_diagnostic (record, "");
  _todoke_record_append_diagnostic (record, NULL);
  g_assert_cmpstr (record->diagnostic, ==, "550 5.1.1 user unknown");
}

/* Appending line after line fills the field up to its bound and keeps
 * valid UTF-8 and one space between the pieces; then it stops growing. */
static void
test_append_until_full (void)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();
  gsize before;
  guint i;

  _todoke_record_append_diagnostic (record, "\xe5\xb1\x8a\xe3\x81\x91 start");
  for (i = 0; i < 20000; i++)
    _todoke_record_append_diagnostic (record, i % 2 ? "  bad \xff byte\n" : "550 user\tunknown");
  g_assert_cmpuint (strlen (record->diagnostic), <=, TODOKE_MAX_FIELD_LENGTH);
  g_assert_cmpuint (strlen (record->diagnostic), >, TODOKE_MAX_FIELD_LENGTH - 64);
  g_assert_cmpuint (record->diagnostic_length, ==, strlen (record->diagnostic));
  g_assert_true (g_utf8_validate (record->diagnostic, -1, NULL));
  g_assert_true (g_str_has_prefix (record->diagnostic, "\xe5\xb1\x8a\xe3\x81\x91 start 550 user unknown bad \xef\xbf\xbd byte 550"));
  g_assert_null (strstr (record->diagnostic, "  "));
  g_assert_null (strchr (record->diagnostic, '\n'));
  before = strlen (record->diagnostic);
  _todoke_record_append_diagnostic (record, "more");
  g_assert_cmpuint (strlen (record->diagnostic), ==, before);
}

/* Records indexed by address: the first record of an address is found. */
static void
test_records_index (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) _todoke_record_free);
  TodokeRecords records;
  TodokeRecord *first = _todoke_record_new ();
  TodokeRecord *second = _todoke_record_new ();
  TodokeRecord *anonymous = _todoke_record_new ();
  TodokeRecord *later = _todoke_record_new ();

  first->recipient = g_strdup ("taro@example.jp");
  second->recipient = g_strdup ("taro@example.jp");
  g_ptr_array_add (list, first);
  g_ptr_array_add (list, anonymous);
  _todoke_records_init (&records, list);
  g_assert_cmpuint (records.from_dsn, ==, 2);
  g_assert_true (_todoke_records_find (&records, "taro@example.jp") == first);
  g_assert_null (_todoke_records_find (&records, NULL));
  g_assert_true (_todoke_records_add (&records, second) == second);
  g_assert_true (_todoke_records_find (&records, "taro@example.jp") == first);
  later->recipient = g_strdup ("hanako@example.jp");
  _todoke_records_add (&records, later);
  g_assert_true (_todoke_records_find (&records, "hanako@example.jp") == later);
  g_assert_cmpuint (list->len, ==, 4);

  /* A recipient filled in place is found after a new index. */
  anonymous->recipient = g_strdup ("jiro@example.jp");
  g_assert_null (_todoke_records_find (&records, "jiro@example.jp"));
  _todoke_records_reindex (&records);
  g_assert_true (_todoke_records_find (&records, "jiro@example.jp") == anonymous);
  _todoke_records_clear (&records);
  g_assert_null (records.by_address);
}

static void
test_take_status (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "5.1.1", "5.1.1" },
    { "  4.2.2 (mailbox full)", "4.2.2" },
    { "5.7.606", "5.7.606" },
    { "2.0.0", "2.0.0" },          /* delivered: a DSN may say so */
    { "2.1.5 (ok)", "2.1.5" },
    { "2.0", "" },
    { "2.0.0.0", "" },
    { "5.1", "" },
    { "failed", "" },
    { "smtp; 550 5.2.0 filtered", "5.2.0" },
    { "", "" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeRecord) record = _todoke_record_new ();

      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, cases[i].input);
      _todoke_record_take_status (record, cases[i].input);
      g_assert_cmpstr (record->status, ==, cases[i].expected);
    }

  /* No status in the text keeps the one there was. */
  {
    g_autoptr(TodokeRecord) record = _todoke_record_new ();

    _todoke_record_take_status (record, "5.1.1");
    _todoke_record_take_status (record, "no code here");
    _todoke_record_take_status (record, NULL);
    g_assert_cmpstr (record->status, ==, "5.1.1");
  }
}

static void
test_commands (void)
{
  static const struct
  {
    const char    *text;
    TodokeCommand  command;
  } cases[] = {
    { "RCPT TO:<a@example.jp>", TODOKE_COMMAND_RCPT },
    { "rcpt", TODOKE_COMMAND_RCPT },
    { "MAIL FROM:<>", TODOKE_COMMAND_MAIL },
    { "DATA", TODOKE_COMMAND_DATA },
    { "BDAT 1024 LAST", TODOKE_COMMAND_DATA },
    { "end of data", TODOKE_COMMAND_DATA },
    { "EHLO mx.example.jp", TODOKE_COMMAND_HELO },
    { "HELO", TODOKE_COMMAND_HELO },
    { "STARTTLS", TODOKE_COMMAND_STARTTLS },
    { "AUTH PLAIN", TODOKE_COMMAND_AUTH },
    { "CONN", TODOKE_COMMAND_CONN },
    { "QUIT", TODOKE_COMMAND_NONE },
    { "", TODOKE_COMMAND_NONE },
    { NULL, TODOKE_COMMAND_NONE },
  };
  static const TodokeCommand all[] = {
    TODOKE_COMMAND_CONN, TODOKE_COMMAND_HELO, TODOKE_COMMAND_STARTTLS, TODOKE_COMMAND_AUTH,
    TODOKE_COMMAND_MAIL, TODOKE_COMMAND_RCPT, TODOKE_COMMAND_DATA,
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %" G_GSIZE_FORMAT ": [%s]", i, cases[i].text);
      g_assert_cmpint (_todoke_command_from_text (cases[i].text), ==, cases[i].command);
    }

  /* Every stage has a name that reads back as itself (the rules use them). */
  for (i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char *name = _todoke_command_to_string (all[i]);

      g_assert_nonnull (name);
      g_assert_cmpint (_todoke_command_from_text (name), ==, all[i]);
    }
  g_assert_null (_todoke_command_to_string (TODOKE_COMMAND_NONE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/record/set-diagnostic", test_set_diagnostic);
  g_test_add_func ("/todoke/record/diagnostic-limit", test_diagnostic_limit);
  g_test_add_func ("/todoke/record/append-diagnostic", test_append_diagnostic);
  g_test_add_func ("/todoke/record/append-until-full", test_append_until_full);
  g_test_add_func ("/todoke/record/records-index", test_records_index);
  g_test_add_func ("/todoke/record/take-status", test_take_status);
  g_test_add_func ("/todoke/record/commands", test_commands);

  return g_test_run ();
}
