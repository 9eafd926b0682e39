/* test-history-window.c: the history page, in Japanese and English
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a history with a month of realistic failures, opens the page,
 * checks the list, the chart, search, filters and CSV export, counts the
 * glyphs no font could draw and saves a screenshot.
 */

#include "config.h"

#include <string.h>

#include "app-test-utils.h"
#include "todoke-chart.h"
#include "todoke-glyphs.h"
#include "todoke-history-window.h"

static const struct
{
  const char *reply;
  const char *recipient;
  const char *source;
  guint       every;      /* one failure every N days */
} month[] = {
  { "550 5.1.1 <sato@example.co.jp>: Recipient address rejected: User unknown", "sato@example.co.jp", "thunderbird", 2 },
  { "552 5.2.2 <yamada@example.ne.jp>: Mailbox full", "yamada@example.ne.jp", "thunderbird", 5 },
  { "535 5.7.8 Error: authentication failed", NULL, "thunderbird", 9 },
  { "550 5.7.1 Message rejected as spam", "info@example.com", "cli", 4 },
  { "421 4.7.0 Try again later, closing connection", "suzuki@example.jp", "thunderbird", 3 },
  { "554 5.7.1 <kato@docomo.ne.jp>: Relay access denied", "kato@docomo.ne.jp", "maildir", 6 },
};

static TodokeHistoryStore *
fill_history (TodokeRuleSet *rules)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = todoke_history_store_dup_default_path ();
  g_autoptr(TodokeHistoryStore) store = todoke_history_store_new (path, &error);
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, "thunderbird");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint day, i;

  g_assert_no_error (error);
  for (day = 0; day < 30; day++)
    for (i = 0; i < G_N_ELEMENTS (month); i++)
      {
        g_autoptr(GPtrArray) diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
        const char *recipients[] = { month[i].recipient, NULL };
        TodokeHistoryReport report = { 0 };

        if ((day + i) % month[i].every != 0)
          continue;
        report.time = now - day * 86400 - i * 600;
        report.source = (char *) month[i].source;
        report.text = (char *) month[i].reply;
        report.recipients = (GStrv) recipients;
        g_ptr_array_add (diagnoses, todoke_classifier_classify_reply (classifier, month[i].reply,
                                                                      month[i].recipient, "en"));
        g_assert_cmpint (todoke_history_store_add (store, &report, diagnoses, &error), >, 0);
        g_assert_no_error (error);
      }

  return g_steal_pointer (&store);
}

static GtkWidget *
find_chart (GtkWidget *widget)
{
  GtkWidget *child;

  if (TODOKE_IS_CHART (widget))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_chart (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
check_window (const char *language,
              const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (&error);
  g_autoptr(TodokeHistoryStore) store = fill_history (rules);
  g_autoptr(GListModel) all = todoke_history_store_query (store, NULL, NULL);
  g_autofree char *shot = g_strdup_printf ("history-%s", language);
  g_autofree char *text = NULL;
  g_autofree char *csv_path = g_build_filename (g_get_user_data_dir (), "export.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autofree char *csv = NULL;
  GtkWidget *window;
  GListModel *model;
  guint n, labels = 0;

  app_test_set_language (language);
  window = todoke_history_window_new (NULL, store, rules, language);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 760);
  app_test_show_and_wait (GTK_WINDOW (window));

  model = todoke_history_window_get_model (TODOKE_HISTORY_WINDOW (window));
  n = g_list_model_get_n_items (all);
  g_assert_cmpuint (n, >, 40);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  /* The chart is drawn once the list is on the screen. */
  while (todoke_chart_get_max (TODOKE_CHART (find_chart (window))) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (todoke_chart_get_max (TODOKE_CHART (find_chart (window))), >=, 2);

  g_assert_cmpuint (todoke_count_unknown_glyphs (window, &labels), ==, 0);
  g_assert_cmpuint (labels, >=, 20);
  text = todoke_collect_text (window);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, expect));
  g_assert_nonnull (strstr (text, "sato@example.co.jp"));

  g_assert_cmpuint (app_test_screenshot (GTK_WINDOW (window), shot), >, 2000);

  todoke_history_window_set_search (TODOKE_HISTORY_WINDOW (window), "docomo");
  model = todoke_history_window_get_model (TODOKE_HISTORY_WINDOW (window));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_true (todoke_history_window_export (TODOKE_HISTORY_WINDOW (window), csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "kato@docomo.ne.jp"));
  g_assert_null (strstr (csv, "sato@example.co.jp"));

  todoke_history_window_set_search (TODOKE_HISTORY_WINDOW (window), "nobody-at-all");
  g_assert_cmpuint (g_list_model_get_n_items (todoke_history_window_get_model (TODOKE_HISTORY_WINDOW (window))), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_japanese (void)
{
  check_window ("ja", "1日ごとの失敗件数（過去30日）");
}

static void
test_english (void)
{
  check_window ("en", "Failures per day, last 30 days");
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/todoke-app/history-window/japanese", test_japanese);
  g_test_add_func ("/todoke-app/history-window/english", test_english);

  return g_test_run ();
}
