/* todoke-tray.h: a StatusNotifierItem with a dbusmenu, over GDBus
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <todoke.h>

#include "todoke-history-store.h"

G_BEGIN_DECLS

#define TODOKE_TRAY_ITEM_PATH "/StatusNotifierItem"
#define TODOKE_TRAY_MENU_PATH "/io/github/todoke/Todoke/Menu"

#define TODOKE_TYPE_TRAY (todoke_tray_get_type ())
G_DECLARE_FINAL_TYPE (TodokeTray, todoke_tray, TODOKE, TRAY, GObject)

TodokeTray *todoke_tray_new          (GApplication       *application,
                                      TodokeHistoryStore *store,
                                      TodokeRuleSet      *rules);
void        todoke_tray_set_language (TodokeTray         *self,
                                      const char         *language);
void        todoke_tray_update       (TodokeTray         *self);
guint       todoke_tray_get_unread   (TodokeTray         *self);
gboolean    todoke_tray_is_registered (TodokeTray        *self);

G_END_DECLS
