/* todoke-guide-window.h: the fix guide of one failure
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <todoke.h>

G_BEGIN_DECLS

#define TODOKE_TYPE_GUIDE_WINDOW (todoke_guide_window_get_type ())
G_DECLARE_FINAL_TYPE (TodokeGuideWindow, todoke_guide_window, TODOKE, GUIDE_WINDOW, AdwApplicationWindow)

GtkWidget       *todoke_guide_window_new           (GtkApplication    *application,
                                                    gint64             report_id,
                                                    TodokeDiagnosis   *diagnosis,
                                                    gint64             time);
gint64           todoke_guide_window_get_report_id (TodokeGuideWindow *self);
TodokeDiagnosis *todoke_guide_window_get_diagnosis (TodokeGuideWindow *self);
char            *todoke_guide_window_dup_help_uri  (TodokeGuideWindow *self);
void             todoke_guide_window_set_probe     (TodokeGuideWindow *self,
                                                    TodokeProbe       *probe,
                                                    const char        *server);

const char      *todoke_owner_label                (TodokeOwner        owner);

G_END_DECLS
