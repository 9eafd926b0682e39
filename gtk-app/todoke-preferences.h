/* todoke-preferences.h: the preferences window
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TODOKE_TYPE_PREFERENCES (todoke_preferences_get_type ())
G_DECLARE_FINAL_TYPE (TodokePreferences, todoke_preferences, TODOKE, PREFERENCES, AdwPreferencesWindow)

GtkWidget *todoke_preferences_new        (GtkApplication    *application,
                                          GSettings         *settings);
void       todoke_preferences_add_folder (TodokePreferences *self,
                                          const char        *path);

G_END_DECLS
