/* todoke-notifier.h: desktop notifications for new failures
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <todoke.h>

G_BEGIN_DECLS

#define TODOKE_TYPE_NOTIFIER (todoke_notifier_get_type ())
G_DECLARE_FINAL_TYPE (TodokeNotifier, todoke_notifier, TODOKE, NOTIFIER, GObject)

TodokeNotifier *todoke_notifier_new      (GSettings      *settings);
void            todoke_notifier_add      (TodokeNotifier *self,
                                          gint64          report_id,
                                          GPtrArray      *diagnoses,
                                          gboolean        bounce,
                                          gint64          received);
guint           todoke_notifier_flush    (TodokeNotifier *self);
void            todoke_notifier_show_problem (TodokeNotifier *self,
                                              const char     *folder,
                                              const char     *message);
char           *todoke_notifier_escape   (const char     *text,
                                          gboolean        markup);

G_END_DECLS
