/* todoke-preferences.c: the preferences window
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Language (the system's, Japanese, English), which failures notify,
 * quiet mode and start at login: each row is bound to its GSettings key.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "todoke-preferences.h"

struct _TodokePreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;   /* owned */
};

G_DEFINE_FINAL_TYPE (TodokePreferences, todoke_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const languages[] = { "system", "ja", "en" };

static void
todoke_preferences_dispose (GObject *object)
{
  g_clear_object (&TODOKE_PREFERENCES (object)->settings);

  G_OBJECT_CLASS (todoke_preferences_parent_class)->dispose (object);
}

static void
todoke_preferences_class_init (TodokePreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = todoke_preferences_dispose;
}

static void
todoke_preferences_init (TodokePreferences *self)
{
}

static GtkWidget *
switch_row (GSettings  *settings,
            const char *key,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);

  return row;
}

static void
language_selected (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   TodokePreferences *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (languages))
    g_settings_set_string (self->settings, "language", languages[selected]);
}

static GtkWidget *
language_row (TodokePreferences *self)
{
  /* The languages are named in their own language. */
  const char *names[] = { _("Same as the system"), "日本語", "English", NULL };
  g_autofree char *current = g_settings_get_string (self->settings, "language");
  GtkWidget *row = adw_combo_row_new ();
  guint i;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Language"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Of the explanations and the windows"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (names)));
  for (i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (current, languages[i]) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_signal_connect (row, "notify::selected", G_CALLBACK (language_selected), self);

  return row;
}

/**
 * todoke_preferences_new:
 * @application: the app
 * @settings: the app's settings
 *
 * Returns: (transfer none): the window, not yet shown
 */
GtkWidget *
todoke_preferences_new (GtkApplication *application,
                        GSettings      *settings)
{
  TodokePreferences *self = g_object_new (TODOKE_TYPE_PREFERENCES,
                                          "application", application,
                                          "title", _("Preferences"),
                                          NULL);
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *general = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *notify = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->settings = g_object_ref (settings);

  adw_preferences_group_set_title (general, _("General"));
  adw_preferences_group_add (general, language_row (self));
  adw_preferences_group_add (general, switch_row (settings, "start-at-login", _("Start at login"),
                                                  _("Watch for failures from the moment you log in")));

  adw_preferences_group_set_title (notify, _("Notifications"));
  adw_preferences_group_add (notify, switch_row (settings, "notify-hard", _("Permanent failures"),
                                                 _("The message cannot be delivered as sent")));
  adw_preferences_group_add (notify, switch_row (settings, "notify-soft", _("Temporary failures"),
                                                 _("Delivery may still work later")));
  adw_preferences_group_add (notify, switch_row (settings, "quiet", _("Quiet mode"),
                                                 _("Keep failures in the history without notifications")));

  adw_preferences_page_add (page, general);
  adw_preferences_page_add (page, notify);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  return GTK_WIDGET (self);
}
