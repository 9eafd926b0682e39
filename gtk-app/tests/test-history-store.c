/* test-history-store.c: the SQLite history
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-autostart.h"
#include "todoke-history-store.h"

typedef struct
{
  char               *path;
  TodokeHistoryStore *store;
  TodokeClassifier   *classifier;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (&error);

  g_assert_no_error (error);
  fixture->path = todoke_history_store_dup_default_path ();
  g_assert_true (g_str_has_prefix (fixture->path, g_get_user_data_dir ()));
  fixture->store = todoke_history_store_new (fixture->path, &error);
  g_assert_no_error (error);
  fixture->classifier = todoke_classifier_new (rules, "thunderbird");
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->classifier);
  g_free (fixture->path);
}

static gint64
add_reply (Fixture    *fixture,
           gint64      time,
           const char *source,
           const char *reply,
           const char *recipient)
{
  g_autoptr(GPtrArray) diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
  TodokeHistoryReport report = { 0 };
  const char *recipients[] = { recipient, NULL };
  g_autoptr(GError) error = NULL;
  gint64 id;

  report.time = time;
  report.source = (char *) source;
  report.text = (char *) reply;
  report.recipients = (GStrv) recipients;
  g_ptr_array_add (diagnoses, todoke_classifier_classify_reply (fixture->classifier, reply, recipient, "en"));
  id = todoke_history_store_add (fixture->store, &report, diagnoses, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (report.id, ==, id);

  return id;
}

static void
test_add_and_query (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first = add_reply (fixture, now - 60, "thunderbird", "550 5.1.1 User unknown", "taro@example.jp");
  gint64 second = add_reply (fixture, now, "cli", "552 5.2.2 Mailbox full", "hanako@example.jp");
  g_autoptr(GListModel) all = todoke_history_store_query (fixture->store, NULL, NULL);
  g_autoptr(TodokeHistoryItem) newest = g_list_model_get_item (all, 0);
  g_autoptr(TodokeHistoryReport) report = NULL;
  TodokeHistoryQuery query = { 0 };
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (second, >, first);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpint (todoke_history_item_get_report_id (newest), ==, second);
  g_assert_cmpstr (todoke_history_item_get_reason (newest), ==, "mailboxfull");
  g_assert_cmpstr (todoke_history_item_get_recipient (newest), ==, "hanako@example.jp");
  g_assert_cmpstr (todoke_history_item_get_source (newest), ==, "cli");

  query.search = "taro";
  found = todoke_history_store_query (fixture->store, &query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  /* LIKE's wildcards in a search are plain characters. */
  query.search = "%";
  found = todoke_history_store_query (fixture->store, &query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);

  memset (&query, 0, sizeof query);
  query.reason = "userunknown";
  found = todoke_history_store_query (fixture->store, &query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  memset (&query, 0, sizeof query);
  query.hard_only = TRUE;
  found = todoke_history_store_query (fixture->store, &query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  report = todoke_history_store_get_report (fixture->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->text, ==, "550 5.1.1 User unknown");
  g_assert_cmpstr (report->recipients[0], ==, "taro@example.jp");
  g_assert_null (todoke_history_store_get_report (fixture->store, 999, NULL));
}

static void
test_unread (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id = add_reply (fixture, now, "cli", "550 5.1.1 User unknown", "taro@example.jp");

  add_reply (fixture, now, "cli", "550 5.1.1 User unknown", "jiro@example.jp");
  g_assert_cmpuint (todoke_history_store_count_unread (fixture->store), ==, 2);
  todoke_history_store_mark_read (fixture->store, id);
  g_assert_cmpuint (todoke_history_store_count_unread (fixture->store), ==, 1);
  todoke_history_store_mark_read (fixture->store, 0);
  g_assert_cmpuint (todoke_history_store_count_unread (fixture->store), ==, 0);
}

static void
test_count_days (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 t = g_date_time_to_unix (now);
  g_autoptr(GHashTable) counts = NULL;
  guint *days;

  add_reply (fixture, t, "cli", "550 5.1.1 User unknown", "a@example.jp");
  add_reply (fixture, t, "cli", "550 5.1.1 User unknown", "b@example.jp");
  add_reply (fixture, t - 86400 * 3, "cli", "550 5.1.1 User unknown", "c@example.jp");
  add_reply (fixture, t - 86400 * 40, "cli", "550 5.1.1 User unknown", "old@example.jp");
  add_reply (fixture, t, "cli", "552 5.2.2 Mailbox full", "d@example.jp");

  counts = todoke_history_store_count_days (fixture->store, now, 30, NULL);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 2);
  days = g_hash_table_lookup (counts, "userunknown");
  g_assert_nonnull (days);
  g_assert_cmpuint (days[29], ==, 2);
  g_assert_cmpuint (days[26], ==, 1);
  g_assert_cmpuint (days[0], ==, 0);
  days = g_hash_table_lookup (counts, "mailboxfull");
  g_assert_cmpuint (days[29], ==, 1);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const char *csv;

  add_reply (fixture, 0, "cli", "550 5.1.1 \"quoted\", =cmd|' /C calc'!A0", "=evil@example.jp");
  g_assert_true (todoke_history_store_export_csv (fixture->store, NULL, stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  csv = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_test_message ("%s", csv);
  g_assert_true (g_str_has_prefix (csv, "time,source,recipient,reason,"));
  g_assert_nonnull (strstr (csv, "\"1970-01-01T00:00:00Z\",\"cli\",\"'=evil@example.jp\",\"userunknown\""));
  g_assert_nonnull (strstr (csv, "\"\"quoted\"\""));
  g_assert_nonnull (strstr (csv, "\r\n"));
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TodokeHistoryStore) again = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;

  add_reply (fixture, 1, "cli", "421 4.7.0 Try again later", NULL);
  again = todoke_history_store_new (fixture->path, &error);
  g_assert_no_error (error);
  all = todoke_history_store_query (again, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "file", NULL);
  g_autofree char *inside = g_build_filename (path, "history.db", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  g_assert_null (todoke_history_store_new (inside, &error));
  g_assert_nonnull (error);
}

static void
test_autostart (void)
{
  g_autofree char *path = todoke_autostart_dup_path ();
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_true (todoke_autostart_set (TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
  g_assert_cmpstr (exec, ==, "todoke-app --gapplication-service");
  g_assert_true (todoke_autostart_set (FALSE, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Already off is fine. */
  g_assert_true (todoke_autostart_set (FALSE, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/todoke-app/history-store/add-and-query", Fixture, NULL, setup, test_add_and_query, teardown);
  g_test_add ("/todoke-app/history-store/unread", Fixture, NULL, setup, test_unread, teardown);
  g_test_add ("/todoke-app/history-store/count-days", Fixture, NULL, setup, test_count_days, teardown);
  g_test_add ("/todoke-app/history-store/csv", Fixture, NULL, setup, test_csv, teardown);
  g_test_add ("/todoke-app/history-store/reopen", Fixture, NULL, setup, test_reopen, teardown);
  g_test_add_func ("/todoke-app/history-store/unwritable", test_unwritable);
  g_test_add_func ("/todoke-app/autostart", test_autostart);

  return g_test_run ();
}
