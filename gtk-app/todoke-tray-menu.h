/* todoke-tray-menu.h: the tray's com.canonical.dbusmenu
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TodokeTrayMenu TodokeTrayMenu;

/* Called when a panel clicks an item: the GAction to run and its target. */
typedef void (*TodokeTrayMenuActivate) (const char *action,
                                        GVariant   *target,
                                        gpointer    user_data);

TodokeTrayMenu *todoke_tray_menu_new       (TodokeTrayMenuActivate  activate,
                                            gpointer                user_data);
void            todoke_tray_menu_free      (TodokeTrayMenu         *menu);
void            todoke_tray_menu_clear     (TodokeTrayMenu         *menu);
void            todoke_tray_menu_add       (TodokeTrayMenu         *menu,
                                            const char             *label,
                                            gboolean                enabled,
                                            const char             *action,
                                            GVariant               *target);
void            todoke_tray_menu_add_separator (TodokeTrayMenu     *menu);
gboolean        todoke_tray_menu_export    (TodokeTrayMenu         *menu,
                                            GDBusConnection        *connection,
                                            const char             *path,
                                            GError                **error);
void            todoke_tray_menu_unexport  (TodokeTrayMenu         *menu);
void            todoke_tray_menu_changed   (TodokeTrayMenu         *menu);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeTrayMenu, todoke_tray_menu_free)

G_END_DECLS
