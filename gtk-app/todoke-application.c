/* todoke-application.c: the resident desktop app
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * io.github.todoke.Todoke stays resident once started (by D-Bus activation,
 * at login or by hand): it exports the Reports service beside GApplication's
 * own interfaces, notifies, keeps the tray item and opens the windows.
 * Launching it again shows the history window.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>
#include <locale.h>
#include <string.h>

#include "todoke-app-resources.h"
#include "todoke-application.h"
#include "todoke-autostart.h"
#include "todoke-guide-window.h"
#include "todoke-history-window.h"
#include "todoke-maildir.h"
#include "todoke-notifier.h"
#include "todoke-preferences.h"
#include "todoke-reports.h"
#include "todoke-tray.h"

struct _TodokeApplication
{
  AdwApplication       parent_instance;

  GSettings           *settings;   /* owned */
  TodokeRuleSet       *rules;      /* owned */
  TodokeHistoryStore  *store;      /* owned */
  TodokeReports       *reports;    /* owned */
  TodokeNotifier      *notifier;   /* owned */
  TodokeTray          *tray;       /* owned */
  TodokeMaildirWatcher *maildir;   /* owned */
  TodokeProbe         *probe;      /* owned, made for the first guide window */
  char                *language;   /* owned: "ja" or "en" */
};

G_DEFINE_FINAL_TYPE (TodokeApplication, todoke_application, ADW_TYPE_APPLICATION)

/**
 * todoke_application_apply_language:
 * @settings: the app's settings
 *
 * Makes gettext use the language chosen in the preferences (or the
 * system's). LANGUAGE is ignored in the "C" locale, so a C process that
 * chose a language gets C.UTF-8 messages first.
 */
void
todoke_application_apply_language (GSettings *settings)
{
  g_autofree char *language = g_settings_get_string (settings, "language");
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (strcmp (language, "system") != 0)
    {
      g_setenv ("LANGUAGE", language, TRUE);
      if (messages == NULL || strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0)
        setlocale (LC_MESSAGES, "C.UTF-8");
    }
  /* Makes gettext drop the translations it already looked up. */
  textdomain (GETTEXT_PACKAGE);
}

static char *
choose_language (GSettings *settings)
{
  g_autofree char *language = g_settings_get_string (settings, "language");
  const char * const *names;

  if (strcmp (language, "system") != 0)
    return g_steal_pointer (&language);
  for (names = g_get_language_names (); *names; names++)
    {
      if (g_str_has_prefix (*names, "ja"))
        return g_strdup ("ja");
      if (g_str_has_prefix (*names, "en"))
        return g_strdup ("en");
    }

  return g_strdup ("en");
}

static void
language_changed (GSettings         *settings,
                  const char        *key,
                  TodokeApplication *self)
{
  todoke_application_apply_language (settings);
  g_free (self->language);
  self->language = choose_language (settings);
  if (self->reports != NULL)
    todoke_reports_set_language (self->reports, self->language);
  if (self->tray != NULL)
    todoke_tray_set_language (self->tray, self->language);
}

static void
autostart_changed (GSettings         *settings,
                   const char        *key,
                   TodokeApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (!todoke_autostart_set (g_settings_get_boolean (settings, key), &error))
    g_warning ("Start at login: %s", error->message);
}

static void
on_reported (TodokeReports     *reports,
             gint64             report_id,
             GPtrArray         *diagnoses,
             const char        *source,
             gboolean           bounce,
             gint64             received,
             TodokeApplication *self)
{
  GList *l;

  todoke_notifier_add (self->notifier, report_id, diagnoses, bounce, received);
  todoke_tray_update (self->tray);
  /* An open history page shows the new failure at once. */
  for (l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (TODOKE_IS_HISTORY_WINDOW (l->data))
      todoke_history_window_reload (l->data);
}

/* The settings, rules, history and Reports service: made by whichever of
 * dbus_register and startup runs first. */
static gboolean
ensure_core (TodokeApplication  *self,
             GError            **error)
{
  g_autofree char *path = NULL;

  if (self->reports != NULL)
    return TRUE;
  self->settings = g_settings_new (APP_ID);
  todoke_application_apply_language (self->settings);
  self->language = choose_language (self->settings);
  self->rules = todoke_rule_set_new_default (error);
  if (self->rules == NULL)
    return FALSE;
  path = todoke_history_store_dup_default_path ();
  self->store = todoke_history_store_new (path, error);
  if (self->store == NULL)
    return FALSE;
  self->reports = todoke_reports_new (self->rules, self->store);
  todoke_reports_set_language (self->reports, self->language);
  g_signal_connect (self->reports, "reported", G_CALLBACK (on_reported), self);

  return TRUE;
}

static void
on_show_guide (TodokeNotifier    *notifier,
               gint64             report_id,
               guint              index,
               TodokeApplication *self)
{
  todoke_application_show_guide (self, report_id, index);
}

static void
on_dismissed (TodokeNotifier    *notifier,
              gint64             report_id,
              TodokeApplication *self)
{
  todoke_history_store_mark_read (self->store, report_id);
  todoke_tray_update (self->tray);
}

static GtkWindow *
find_window (TodokeApplication *self,
             GType              type,
             gint64             report_id,
             guint              index)
{
  GList *l;

  for (l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (!G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
        continue;
      if (type != TODOKE_TYPE_GUIDE_WINDOW ||
          (todoke_guide_window_get_report_id (l->data) == report_id &&
           GPOINTER_TO_UINT (g_object_get_data (l->data, "index")) == index))
        return l->data;
    }

  return NULL;
}

/**
 * todoke_application_show_guide:
 * @self: the app
 * @report_id: a report in the history
 * @index: which of its failed recipients
 *
 * Classifies the stored report again, in the app's language, and shows
 * the guide of one failed recipient.
 *
 * Returns: (transfer none) (nullable): the window
 */
GtkWindow *
todoke_application_show_guide (TodokeApplication *self,
                               gint64             report_id,
                               guint              index)
{
  g_autoptr(TodokeHistoryReport) report = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = find_window (self, TODOKE_TYPE_GUIDE_WINDOW, report_id, index);

  if (window == NULL)
    {
      report = todoke_history_store_get_report (self->store, report_id, &error);
      if (report != NULL)
        diagnoses = todoke_reports_classify (self->reports, report, self->language, &error);
      if (diagnoses == NULL)
        {
          g_warning ("Cannot show report %" G_GINT64_FORMAT ": %s", report_id, error->message);
          return NULL;
        }
      index = MIN (index, diagnoses->len - 1);
      window = GTK_WINDOW (todoke_guide_window_new (GTK_APPLICATION (self), report_id,
                                                    g_ptr_array_index (diagnoses, index),
                                                    report->time));
      g_object_set_data (G_OBJECT (window), "index", GUINT_TO_POINTER (index));
      if (self->probe == NULL)
        self->probe = todoke_probe_new (self->rules);
      todoke_guide_window_set_probe (TODOKE_GUIDE_WINDOW (window), self->probe, report->server);
    }
  gtk_window_present (window);
  todoke_history_store_mark_read (self->store, report_id);
  todoke_tray_update (self->tray);

  return window;
}

static void
show_guide_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  gint64 report_id;
  guint32 index;

  g_variant_get (param, "(xu)", &report_id, &index);
  todoke_application_show_guide (user_data, report_id, index);
}

static void
show_history (TodokeApplication *self)
{
  GtkWindow *window = find_window (self, TODOKE_TYPE_HISTORY_WINDOW, 0, 0);

  if (window == NULL)
    window = GTK_WINDOW (todoke_history_window_new (GTK_APPLICATION (self), self->store,
                                                    self->rules, self->language));
  gtk_window_present (window);
}

static void
history_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  show_history (user_data);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  TodokeApplication *self = user_data;
  GtkWindow *window = find_window (self, TODOKE_TYPE_PREFERENCES, 0, 0);

  if (window == NULL)
    window = GTK_WINDOW (todoke_preferences_new (GTK_APPLICATION (self), self->settings));
  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "show-guide", show_guide_activated, "(xu)" },
  { "history", history_activated },
  { "preferences", preferences_activated },
  { "quit", quit_activated },
};

static void
todoke_application_startup (GApplication *app)
{
  TodokeApplication *self = TODOKE_APPLICATION (app);
  g_autoptr(GAction) quiet = NULL;
  g_autoptr(GError) error = NULL;

  g_resources_register (todoke_app_get_resource ());
  G_APPLICATION_CLASS (todoke_application_parent_class)->startup (app);

  if (!ensure_core (self, &error))
    g_error ("%s", error->message);
  g_signal_connect (self->settings, "changed::language", G_CALLBACK (language_changed), self);
  g_signal_connect (self->settings, "changed::start-at-login", G_CALLBACK (autostart_changed), self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  /* app.quiet: quiet mode from outside too (`gapplication action … quiet`). */
  quiet = g_settings_create_action (self->settings, "quiet");
  g_action_map_add_action (G_ACTION_MAP (app), quiet);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });

  notify_init (_("Todoke"));
  self->notifier = todoke_notifier_new (self->settings);
  g_signal_connect (self->notifier, "show-guide", G_CALLBACK (on_show_guide), self);
  g_signal_connect_swapped (self->notifier, "show-history", G_CALLBACK (show_history), self);
  g_signal_connect (self->notifier, "dismissed", G_CALLBACK (on_dismissed), self);

  self->tray = todoke_tray_new (G_APPLICATION (self), self->store, self->rules);
  todoke_tray_set_language (self->tray, self->language);
  /* Last: what arrived in a watched folder meanwhile is reported at once. */
  self->maildir = todoke_maildir_watcher_new (self->settings, self->reports, self->store);
  g_signal_connect_swapped (self->maildir, "problem", G_CALLBACK (todoke_notifier_show_problem),
                            self->notifier);
  todoke_maildir_watcher_start (self->maildir);
  /* Resident: windows come and go, the service stays. */
  g_application_hold (app);
}

static gboolean
todoke_application_dbus_register (GApplication     *app,
                                  GDBusConnection  *connection,
                                  const char       *object_path,
                                  GError          **error)
{
  TodokeApplication *self = TODOKE_APPLICATION (app);

  if (!G_APPLICATION_CLASS (todoke_application_parent_class)->dbus_register (app, connection,
                                                                             object_path, error))
    return FALSE;
  /* dbus_register runs before startup: what Reports needs is made here. */
  if (!ensure_core (self, error))
    return FALSE;

  return todoke_reports_export (self->reports, connection, object_path, error);
}

static void
todoke_application_dbus_unregister (GApplication    *app,
                                    GDBusConnection *connection,
                                    const char      *object_path)
{
  TodokeApplication *self = TODOKE_APPLICATION (app);

  if (self->reports != NULL)
    todoke_reports_unexport (self->reports);
  G_APPLICATION_CLASS (todoke_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
todoke_application_activate (GApplication *app)
{
  show_history (TODOKE_APPLICATION (app));
}

static void
todoke_application_shutdown (GApplication *app)
{
  TodokeApplication *self = TODOKE_APPLICATION (app);

  if (self->notifier != NULL)
    todoke_notifier_flush (self->notifier);
  g_clear_object (&self->maildir);
  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  if (notify_is_initted ())
    notify_uninit ();

  G_APPLICATION_CLASS (todoke_application_parent_class)->shutdown (app);
}

static void
todoke_application_dispose (GObject *object)
{
  TodokeApplication *self = TODOKE_APPLICATION (object);

  g_clear_object (&self->reports);
  g_clear_object (&self->probe);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rules, todoke_rule_set_unref);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (todoke_application_parent_class)->dispose (object);
}

static void
todoke_application_class_init (TodokeApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = todoke_application_dispose;
  app_class->startup = todoke_application_startup;
  app_class->activate = todoke_application_activate;
  app_class->shutdown = todoke_application_shutdown;
  app_class->dbus_register = todoke_application_dbus_register;
  app_class->dbus_unregister = todoke_application_dbus_unregister;
}

static void
todoke_application_init (TodokeApplication *self)
{
}

TodokeApplication *
todoke_application_new (void)
{
  return g_object_new (TODOKE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/todoke/Todoke",
                       NULL);
}

const char *
todoke_application_get_language (TodokeApplication *self)
{
  return self->language;
}

TodokeHistoryStore *
todoke_application_get_store (TodokeApplication *self)
{
  return self->store;
}

TodokeRuleSet *
todoke_application_get_rules (TodokeApplication *self)
{
  return self->rules;
}
