/* todoke-maildir.h: bounces that arrive in watched Maildir folders
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "todoke-history-store.h"
#include "todoke-reports.h"

G_BEGIN_DECLS

#define TODOKE_TYPE_MAILDIR_WATCHER (todoke_maildir_watcher_get_type ())
G_DECLARE_FINAL_TYPE (TodokeMaildirWatcher, todoke_maildir_watcher, TODOKE, MAILDIR_WATCHER, GObject)

TodokeMaildirWatcher *todoke_maildir_watcher_new      (GSettings            *settings,
                                                       TodokeReports        *reports,
                                                       TodokeHistoryStore   *store);
void                  todoke_maildir_watcher_start    (TodokeMaildirWatcher *self);

G_END_DECLS
