/* test-limits.c: bounded work for any input (todoke-message-limits.c and the
 * classifier's file API)
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "todoke-error.h"
#include "todoke-message-private.h"
#include "todoke-test-utils.h"

#define REPORT_HEAD \
  "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n" \
  "To: sender@example.org\n" \
  "Subject: Undelivered Mail Returned to Sender\n" \
  "MIME-Version: 1.0\n" \
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n" \
  "\n" \
  "--r\n" \
  "Content-Type: text/plain\n" \
  "\n" \
  "Your message could not be delivered.\n" \
  "\n" \
  "--r\n" \
  "Content-Type: message/delivery-status\n" \
  "\n" \
  "Reporting-MTA: dns; mx.example.net\n"

/* A DSN for @recipients failed addresses, then @extra (more parts), closed. */
static GString *
report (guint       recipients,
        const char *extra)
{
  GString *text = g_string_new (REPORT_HEAD);
  guint i;

  for (i = 0; i < recipients; i++)
    g_string_append_printf (text,
                            "\nFinal-Recipient: rfc822; u%u@example.jp\n"
                            "Action: failed\n"
                            "Status: 5.1.1\n"
                            "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n", i);
  g_string_append (text, "\n");
  if (extra != NULL)
    g_string_append (text, extra);
  g_string_append (text, "--r--\n");

  return text;
}

static GPtrArray *
classify (GString          *text,
          TodokeTruncation *truncated,
          GError          **error)
{
  TodokeRuleSet *rules = todoke_test_default_rules ();
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);

  todoke_classifier_set_with_guides (classifier, FALSE);

  return todoke_classifier_classify_bounce_full (classifier, bytes, NULL, truncated, error);
}

/* Within every limit: all the bytes are parsed and nothing is reported. */
static void
test_scan_within_limits (void)
{
  g_autoptr(GString) text = report (3, NULL);
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_PARTS;

  g_assert_cmpuint (_todoke_message_bounded_length (text->str, text->len, &truncated), ==, text->len);
  truncated = TODOKE_TRUNCATION_NONE;
  diagnoses = classify (text, &truncated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnoses->len, ==, 3);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_NONE);
}

/* Parts past the limit are never handed to GMime; the report before them
 * is still read, and the caller is told. */
static void
test_too_many_parts (void)
{
  g_autoptr(GString) extra = g_string_new (NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  const char *cut;
  gsize length;
  guint i;

  for (i = 0; i < 100000; i++)
    g_string_append (extra, "--r\n\n");
  text = report (1, extra->str);

  length = _todoke_message_bounded_length (text->str, text->len, &truncated);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_PARTS);
  /* Cut at the start of the delimiter line of part 257. */
  g_assert_cmpuint (length, <, 4096);
  cut = text->str + length;
  g_assert_true (g_str_has_prefix (cut, "--r\n"));
  g_assert_cmpint (cut[-1], ==, '\n');

  truncated = TODOKE_TRUNCATION_NONE;
  diagnoses = classify (text, &truncated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnoses->len, ==, 1);
  g_assert_cmpstr (todoke_diagnosis_get_recipient (g_ptr_array_index (diagnoses, 0)), ==, "u0@example.jp");
  g_assert_true (truncated & TODOKE_TRUNCATION_PARTS);
}

/* A delimiter that belongs to no declared boundary is not a part. */
static void
test_undeclared_delimiters (void)
{
  g_autoptr(GString) extra = g_string_new ("--r\nContent-Type: text/plain\n\n");
  g_autoptr(GString) text = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  guint i;

  for (i = 0; i < 1000; i++)
    g_string_append (extra, "--not-a-boundary\n-- \n");
  text = report (1, extra->str);
  g_assert_cmpuint (_todoke_message_bounded_length (text->str, text->len, &truncated), ==, text->len);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_NONE);
}

/* Header lines, in the top block or a part's, count against one limit. */
static void
test_too_many_header_lines (void)
{
  g_autoptr(GString) text = g_string_new ("From: a@example.org\n");
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  gsize length;
  guint i;

  for (i = 0; i < 2 * TODOKE_MAX_HEADER_LINES; i++)
    g_string_append (text, "X: y\n");
  g_string_append (text, "\nbody\n");

  length = _todoke_message_bounded_length (text->str, text->len, &truncated);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_HEADERS);
  g_assert_cmpuint (length, ==, strlen ("From: a@example.org\n") + (TODOKE_MAX_HEADER_LINES - 1) * 5);

  truncated = TODOKE_TRUNCATION_NONE;
  diagnoses = classify (text, &truncated, &error);
  g_assert_null (diagnoses);
  g_assert_nonnull (error);
  g_assert_true (truncated & TODOKE_TRUNCATION_HEADERS);
}

/* Multiparts nested deeper than are read stop the scan at the first
 * delimiter past the limit. */
static void
test_too_deep (void)
{
  g_autoptr(GString) extra = g_string_new (NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  guint i;

  g_string_append (extra, "--r\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n");
  for (i = 1; i < 40; i++)
    g_string_append_printf (extra, "--b%u\nContent-Type: multipart/mixed;\n boundary=b%u\n\n", i, i + 1);
  text = report (1, extra->str);

  g_assert_cmpuint (_todoke_message_bounded_length (text->str, text->len, &truncated), <, text->len);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_DEPTH);

  truncated = TODOKE_TRUNCATION_NONE;
  diagnoses = classify (text, &truncated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnoses->len, ==, 1);
  g_assert_true (truncated & TODOKE_TRUNCATION_DEPTH);
}

/* A report of more recipients than are read says so. */
static void
test_too_many_recipients (void)
{
  g_autoptr(GString) text = report (1200, NULL);
  g_autoptr(GString) fits = report (999, NULL);
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;

  diagnoses = classify (text, &truncated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnoses->len, ==, 1000);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_RECIPIENTS);

  all = classify (fits, &truncated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 999);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_NONE);
}

/* An mbox of more messages than are read: the first ones are, and the
 * caller is told about the rest. */
static void
test_too_many_messages (void)
{
  g_autoptr(GString) one = report (1, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  guint i;

  g_string_append (text, "From MAILER-DAEMON Fri Dec  4 10:00:00 2026\n");
  g_string_append (text, one->str);
  /* Empty messages, refused at once: the limit is on messages met. */
  for (i = 0; i < TODOKE_MAX_MAILBOX_MESSAGES; i++)
    g_string_append (text, "From x\n");
  g_string_append (text, "From MAILER-DAEMON Fri Dec  4 10:00:00 2026\n");
  g_string_append (text, one->str);

  diagnoses = classify (text, &truncated, &error);
  g_assert_no_error (error);
  /* The second bounce is message 100,002: not read. */
  g_assert_cmpuint (diagnoses->len, ==, 1);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_MESSAGES);
}

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("todoke-limits-XXXXXX", &error);

  g_assert_no_error (error);

  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* The copy GMime parses leaves out the fields nobody reads: all but the
 * read ones at the top, all but Content-Type and -Transfer-Encoding in a
 * part, nothing of an attached message's header. */
static void
test_copy_without_unread_fields (void)
{
  static const char text[] =
    "Received: from a\n\tby b\n"
    "Received: from c\n"
    "DKIM-Signature: v=1;\n b=xyz\n"
    "Subject: Returned mail\n"
    "Content-Type: multipart/report; boundary=r\n"
    "\n"
    "--r\n"
    "Content-Description: Notification\n"
    "Content-Type: text/plain\n"
    "\n"
    "Content-Description: body text, not a header\n"
    "--r\n"
    "Content-Type: message/rfc822\n"
    "Content-Disposition: inline\n"
    "\n"
    "Received: from the original\n"
    "X-Mailer: kept\n"
    "\n"
    "body\n"
    "--r--\n";
  static const char expected[] =
    "Received: from a\n\tby b\n"
    "Subject: Returned mail\n"
    "Content-Type: multipart/report; boundary=r\n"
    "\n"
    "--r\n"
    "Content-Type: text/plain\n"
    "\n"
    "Content-Description: body text, not a header\n"
    "--r\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Received: from the original\n"
    "X-Mailer: kept\n"
    "\n"
    "body\n"
    "--r--\n";
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  g_autoptr(GBytes) copy = NULL;
  g_autofree char *copied = NULL;
  gsize length = 0;

  copy = _todoke_message_bounded_copy (text, strlen (text), &length, &truncated);
  g_assert_nonnull (copy);
  g_assert_cmpuint (length, ==, strlen (text));
  copied = g_strndup (g_bytes_get_data (copy, NULL), g_bytes_get_size (copy));
  g_assert_cmpstr (copied, ==, expected);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_NONE);
  g_assert_true (_todoke_message_is_read_field ("x-failed-recipients"));
  g_assert_false (_todoke_message_is_read_field ("DKIM-Signature"));
}

/* A FIFO, a device: refused before any read, never waited on. */
static void
test_file_not_regular (void)
{
  TodokeRuleSet *rules = todoke_test_default_rules ();
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
  g_autofree char *fifo = temp_path ("fifo");
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autoptr(GFile) device = g_file_new_for_path ("/dev/zero");
  g_autoptr(GPtrArray) from_fifo = NULL;
  g_autoptr(GPtrArray) from_device = NULL;
  g_autoptr(GError) fifo_error = NULL;
  g_autoptr(GError) device_error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  from_fifo = todoke_classifier_classify_file (classifier, fifo_file, NULL, NULL, &fifo_error);
  g_assert_null (from_fifo);
  g_assert_error (fifo_error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (fifo_error->message, "regular"));

  from_device = todoke_classifier_classify_file (classifier, device, NULL, NULL, &device_error);
  g_assert_null (from_device);
  g_assert_error (device_error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
  remove_temp (fifo);
}

/* The size limit is 64-bit, and files are checked against it. */
static void
test_file_size_limit (void)
{
  TodokeRuleSet *rules = todoke_test_default_rules ();
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
  g_autoptr(GString) text = report (2, NULL);
  g_autofree char *path = temp_path ("report.eml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 over_4gib = (G_GUINT64_CONSTANT (1) << 32) + 100;

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  todoke_classifier_set_max_size (classifier, text->len - 1);
  refused = todoke_classifier_classify_file (classifier, file, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* 2^32 + 100 would be 100 bytes if it wrapped at 32 bits. */
  todoke_classifier_set_max_size (classifier, over_4gib);
  g_assert_cmpuint (todoke_classifier_get_max_size (classifier), ==, over_4gib);
  read = todoke_classifier_classify_file (classifier, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2);
  remove_temp (path);
}

static void
on_classified (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **diagnoses = user_data;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  g_autoptr(GError) error = NULL;

  *diagnoses = todoke_classifier_classify_file_finish_full (TODOKE_CLASSIFIER (source), result,
                                                            &truncated, &error);
  g_assert_no_error (error);
  g_assert_cmpint (truncated, ==, TODOKE_TRUNCATION_RECIPIENTS);
}

/* The asynchronous file API reports truncation too. */
static void
test_file_async_truncation (void)
{
  TodokeRuleSet *rules = todoke_test_default_rules ();
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
  g_autoptr(GString) text = report (1001, NULL);
  g_autofree char *path = temp_path ("many.eml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  todoke_classifier_set_with_guides (classifier, FALSE);
  todoke_classifier_classify_file_async (classifier, file, NULL, NULL, on_classified, &diagnoses);
  while (diagnoses == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (diagnoses->len, ==, 1000);
  remove_temp (path);
}

static gpointer
classify_in_thread (gpointer data)
{
  TodokeRuleSet *rules = data;
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
  g_autoptr(GString) text = report (2, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnoses = todoke_classifier_classify_bounce (classifier, bytes, "en", &error);

  g_assert_no_error (error);

  return diagnoses;
}

/* Classifiers made and used at once from several threads (GMime set up once). */
static void
test_concurrent_first_use (void)
{
  TodokeRuleSet *rules = todoke_test_default_rules ();
  GThread *threads[8];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("classify", classify_in_thread, rules);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GPtrArray) diagnoses = g_thread_join (threads[i]);

      g_assert_cmpuint (diagnoses->len, ==, 2);
      g_assert_cmpstr (todoke_diagnosis_get_reason (g_ptr_array_index (diagnoses, 1)), ==, "userunknown");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/limits/concurrent-first-use", test_concurrent_first_use);
  g_test_add_func ("/todoke/limits/within-limits", test_scan_within_limits);
  g_test_add_func ("/todoke/limits/parts", test_too_many_parts);
  g_test_add_func ("/todoke/limits/undeclared-delimiters", test_undeclared_delimiters);
  g_test_add_func ("/todoke/limits/header-lines", test_too_many_header_lines);
  g_test_add_func ("/todoke/limits/depth", test_too_deep);
  g_test_add_func ("/todoke/limits/recipients", test_too_many_recipients);
  g_test_add_func ("/todoke/limits/messages", test_too_many_messages);
  g_test_add_func ("/todoke/limits/copy-without-unread-fields", test_copy_without_unread_fields);
  g_test_add_func ("/todoke/limits/file-not-regular", test_file_not_regular);
  g_test_add_func ("/todoke/limits/file-size", test_file_size_limit);
  g_test_add_func ("/todoke/limits/file-async-truncation", test_file_async_truncation);

  return g_test_run ();
}
