/* test-guide-window.c: the fix guide, in Japanese and English
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the window for a real failure, shows it on the X server, counts
 * the glyphs no font could draw (must be none), checks what it says and
 * what "Copy diagnosis" puts on the clipboard, and saves a screenshot
 * (TODOKE_SCREENSHOT_DIR=data/screenshots refreshes the committed ones).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "app-test-utils.h"
#include "todoke-glyphs.h"
#include "todoke-guide-window.h"
#include "todoke-preferences.h"

#define REPLY "550 5.1.1 <tanaka.taro@example.co.jp>: Recipient address rejected: " \
              "User unknown in virtual mailbox table"

static TodokeDiagnosis *
diagnose (const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (&error);
  g_autoptr(TodokeClassifier) classifier = NULL;

  g_assert_no_error (error);
  classifier = todoke_classifier_new (rules, "thunderbird");

  return todoke_classifier_classify_reply (classifier, REPLY, "tanaka.taro@example.co.jp", language);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static void
check_window (const char *language,
              const char *expect_title,
              const char *expect_button)
{
  g_autoptr(TodokeDiagnosis) diagnosis = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *shot = g_strdup_printf ("guide-%s", language);
  GtkWidget *window;
  guint labels = 0, unknown, dark;

  app_test_set_language (language);
  diagnosis = diagnose (language);
  g_assert_cmpstr (todoke_diagnosis_get_reason (diagnosis), ==, "userunknown");
  window = todoke_guide_window_new (NULL, 1, diagnosis, 1796371200);
  gtk_window_set_default_size (GTK_WINDOW (window), 680, 720);
  app_test_show_and_wait (GTK_WINDOW (window));

  unknown = todoke_count_unknown_glyphs (window, &labels);
  g_assert_cmpuint (labels, >=, 12);
  g_assert_cmpuint (unknown, ==, 0);

  text = todoke_collect_text (window);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, expect_title));
  g_assert_nonnull (strstr (text, expect_button));
  g_assert_nonnull (strstr (text, REPLY));                 /* verbatim */
  g_assert_nonnull (strstr (text, "tanaka.taro@example.co.jp"));
  g_assert_nonnull (strstr (text, "1\n"));                 /* numbered steps */

  dark = app_test_screenshot (GTK_WINDOW (window), shot);
  g_assert_cmpuint (dark, >, 2000);

  gtk_widget_activate_action (window, "guide.copy", NULL);
  json = todoke_diagnosis_to_json (diagnosis, NULL, TODOKE_JSON_GUIDE, 0);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, read_done, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, json);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_japanese (void)
{
  check_window ("ja", "宛先のメールアドレスが存在しません", "診断結果をコピー");
}

static void
test_english (void)
{
  check_window ("en", "The recipient's address does not exist", "Copy diagnosis");
}

static void
test_help_uri (void)
{
  g_autoptr(TodokeDiagnosis) diagnosis = diagnose ("ja");
  GtkWidget *window = todoke_guide_window_new (NULL, 1, diagnosis, 0);
  g_autofree char *uri = todoke_guide_window_dup_help_uri (TODOKE_GUIDE_WINDOW (window));
  g_autofree char *yelp = g_find_program_in_path ("yelp");

  if (yelp != NULL)
    g_assert_cmpstr (uri, ==, "help:todoke/address");
  else
    g_assert_true (g_str_has_suffix (uri, "/doc/todoke/html/ja/address.html"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Run checks" runs libtodoke's checks for the reason and lists the
 * findings. DNS goes to a port on 127.0.0.1 where nothing answers: the
 * recipient-dns check reports it could not check; the address check
 * finds the typo without the network. */
static void
test_run_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (&error);
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, "thunderbird");
  g_autoptr(TodokeProbe) probe = todoke_probe_new (rules);
  g_autoptr(TodokeDiagnosis) diagnosis = NULL;
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autofree char *dns = NULL;
  g_autofree char *text = NULL;
  GtkWidget *window;

  app_test_set_language ("en");
  silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (silent, any, FALSE, &error));
  bound = g_socket_get_local_address (silent, &error);
  dns = g_strdup_printf ("127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  todoke_probe_set_timeout (probe, 1500);
  g_assert_true (todoke_probe_set_dns_server (probe, dns, &error));

  diagnosis = todoke_classifier_classify_reply (classifier, "550 5.1.1 <taro@gmial.com>: User unknown",
                                                "taro@gmial.com", "en");
  window = todoke_guide_window_new (NULL, 1, diagnosis, 0);
  app_test_show_and_wait (GTK_WINDOW (window));
  text = todoke_collect_text (window);
  g_assert_null (strstr (text, "Run checks"));     /* no probe: no button */
  g_clear_pointer (&text, g_free);

  todoke_guide_window_set_probe (TODOKE_GUIDE_WINDOW (window), probe, NULL);
  text = todoke_collect_text (window);
  g_assert_nonnull (strstr (text, "Run checks"));
  g_clear_pointer (&text, g_free);

  gtk_widget_activate_action (window, "guide.check", NULL);
  while (text == NULL || strstr (text, "Check results") == NULL)
    {
      app_test_iterate (100);
      g_free (text);
      text = todoke_collect_text (window);
    }
  app_test_iterate (200);
  g_free (text);
  text = todoke_collect_text (window);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "taro@gmail.com"));
  g_assert_cmpuint (todoke_count_unknown_glyphs (window, NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_switches (GtkWidget *widget,
                  GPtrArray *found)
{
  GtkWidget *child;

  if (GTK_IS_SWITCH (widget))
    g_ptr_array_add (found, widget);
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_switches (child, found);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  GtkWidget *child;
  GtkWidget *found;

  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if ((found = find_button (child, tooltip)) != NULL)
      return found;

  return NULL;
}

static gboolean
chooser_shown (const char *title)
{
  g_autoptr(GListModel) toplevels = NULL;
  guint i;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }

  return FALSE;
}

/* The preferences window, in Japanese, bound to the settings both ways. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_auto(GStrv) folders = NULL;
  g_autofree char *text = NULL;
  GtkWidget *window;
  guint i, active = 0;

  app_test_set_language ("ja");
  /* Inside the test's isolated folders GTK's own search icon (an SVG
   * resource of libgtk) warns that it cannot be loaded; the real app does
   * not. Warnings stay visible, criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  window = todoke_preferences_new (NULL, settings);
  app_test_show_and_wait (GTK_WINDOW (window));
  text = todoke_collect_text (window);
  g_assert_nonnull (strstr (text, "おやすみモード"));
  g_assert_cmpuint (todoke_count_unknown_glyphs (window, NULL), ==, 0);

  collect_switches (window, switches);
  g_assert_cmpuint (switches->len, ==, 4);
  g_settings_set_boolean (settings, "quiet", TRUE);
  g_settings_set_boolean (settings, "notify-hard", FALSE);
  for (i = 0; i < switches->len; i++)
    active += gtk_switch_get_active (g_ptr_array_index (switches, i));
  /* notify-soft and quiet on; notify-hard and start-at-login off */
  g_assert_cmpuint (active, ==, 2);
  for (i = 0; i < switches->len; i++)
    gtk_switch_set_active (g_ptr_array_index (switches, i), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "notify-hard"));
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));

  /* Watched Maildir folders: a row each, following the setting. */
  todoke_preferences_add_folder (TODOKE_PREFERENCES (window), "/home/taro/Maildir/INBOX");
  todoke_preferences_add_folder (TODOKE_PREFERENCES (window), "/home/taro/Maildir/INBOX");
  todoke_preferences_add_folder (TODOKE_PREFERENCES (window), "/home/taro/Maildir/.Lists");
  folders = g_settings_get_strv (settings, "maildir-folders");
  g_assert_cmpuint (g_strv_length (folders), ==, 2);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 900);
  app_test_iterate (400);
  g_clear_pointer (&text, g_free);
  text = todoke_collect_text (window);
  g_assert_nonnull (strstr (text, "Maildir フォルダー"));
  g_assert_nonnull (strstr (text, "/home/taro/Maildir/.Lists"));
  g_assert_cmpuint (todoke_count_unknown_glyphs (window, NULL), ==, 0);
  g_assert_cmpuint (app_test_screenshot (GTK_WINDOW (window), "preferences-ja"), >, 500);
  /* "+" opens the folder chooser (GtkFileChooserNative). */
  gtk_widget_activate (find_button (window, "監視するフォルダーを追加…"));
  while (!chooser_shown ("監視する Maildir フォルダーの選択"))
    g_main_context_iteration (NULL, TRUE);
  g_settings_reset (settings, "maildir-folders");
  g_clear_pointer (&text, g_free);
  text = todoke_collect_text (window);
  g_assert_null (strstr (text, "/home/taro/Maildir/.Lists"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/todoke-app/guide-window/japanese", test_japanese);
  g_test_add_func ("/todoke-app/guide-window/english", test_english);
  g_test_add_func ("/todoke-app/guide-window/help-uri", test_help_uri);
  g_test_add_func ("/todoke-app/guide-window/run-checks", test_run_checks);
  g_test_add_func ("/todoke-app/preferences", test_preferences);

  return g_test_run ();
}
