/* todoke-preferences.c: the preferences window
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Language (the system's, Japanese, English), which failures notify,
 * quiet mode and start at login: each row is bound to its GSettings key.
 * And the Maildir folders watched for bounces, added with the desktop's
 * folder chooser (GtkFileChooserNative: GtkFileDialog needs GTK 4.10).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "todoke-preferences.h"

struct _TodokePreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;   /* owned */
  AdwPreferencesGroup  *folders;    /* the Maildir group */
  GPtrArray            *rows;       /* owned: its folder rows */
  GtkFileChooserNative *chooser;    /* owned, while it is open */
};

G_DEFINE_FINAL_TYPE (TodokePreferences, todoke_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const languages[] = { "system", "ja", "en" };

static void
todoke_preferences_dispose (GObject *object)
{
  TodokePreferences *self = TODOKE_PREFERENCES (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

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
  self->rows = g_ptr_array_new ();
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

static void
set_folders (GSettings          *settings,
             const char * const *paths)
{
  g_settings_set_strv (settings, "maildir-folders", paths);
}

static void
remove_folder (GtkButton         *button,
               TodokePreferences *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "maildir-folders");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  guint i;

  for (i = 0; paths[i] != NULL; i++)
    if (strcmp (paths[i], path) != 0)
      g_strv_builder_add (kept, paths[i]);
  result = g_strv_builder_end (kept);
  set_folders (self->settings, (const char * const *) result);
}

/**
 * todoke_preferences_add_folder:
 * @self: the window
 * @path: a folder
 *
 * Watches @path too (as the folder chooser does).
 */
void
todoke_preferences_add_folder (TodokePreferences *self,
                               const char        *path)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "maildir-folders");
  g_autoptr(GStrvBuilder) more = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  if (g_strv_contains ((const char * const *) paths, path))
    return;
  g_strv_builder_addv (more, (const char **) paths);
  g_strv_builder_add (more, path);
  result = g_strv_builder_end (more);
  set_folders (self->settings, (const char * const *) result);
}

static void
folders_changed (GSettings         *settings,
                 const char        *key,
                 TodokePreferences *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (settings, "maildir-folders");
  guint i;

  for (i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->folders, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (paths[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), paths[i]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Stop watching this folder"));
      g_object_set_data_full (G_OBJECT (remove), "path", g_strdup (paths[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_folder), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->folders, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
chooser_done (GtkNativeDialog   *chooser,
              int                response,
              TodokePreferences *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    path = g_file_get_path (folder);
  if (path != NULL)
    todoke_preferences_add_folder (self, path);
  g_clear_object (&self->chooser);
}

static void
choose_folder (GtkButton         *button,
               TodokePreferences *self)
{
  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Watch a Maildir Folder"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                   _("_Watch"), NULL);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_done), self);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static AdwPreferencesGroup *
folders_group (TodokePreferences *self)
{
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->folders = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->folders, _("Maildir folders"));
  adw_preferences_group_set_description (self->folders,
                                         _("For other mail programs: bounces that arrive in these folders are reported too."));
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Watch a folder…"));
  g_signal_connect (add, "clicked", G_CALLBACK (choose_folder), self);
  adw_preferences_group_set_header_suffix (self->folders, add);
  g_signal_connect (self->settings, "changed::maildir-folders", G_CALLBACK (folders_changed), self);
  folders_changed (self->settings, "maildir-folders", self);

  return self->folders;
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
  adw_preferences_page_add (page, folders_group (self));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  return GTK_WIDGET (self);
}
