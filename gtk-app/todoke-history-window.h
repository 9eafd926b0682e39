/* todoke-history-window.h: the history page
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <todoke.h>

#include "todoke-history-store.h"

G_BEGIN_DECLS

#define TODOKE_HISTORY_DAYS 30

#define TODOKE_TYPE_HISTORY_WINDOW (todoke_history_window_get_type ())
G_DECLARE_FINAL_TYPE (TodokeHistoryWindow, todoke_history_window, TODOKE, HISTORY_WINDOW, AdwApplicationWindow)

GtkWidget  *todoke_history_window_new       (GtkApplication      *application,
                                             TodokeHistoryStore  *store,
                                             TodokeRuleSet       *rules,
                                             const char          *language);
void        todoke_history_window_reload    (TodokeHistoryWindow *self);
GListModel *todoke_history_window_get_model (TodokeHistoryWindow *self);
void        todoke_history_window_set_search (TodokeHistoryWindow *self,
                                              const char          *search);
gboolean    todoke_history_window_export    (TodokeHistoryWindow *self,
                                             GFile               *file,
                                             GError             **error);

G_END_DECLS
