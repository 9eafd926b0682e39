/* todoke-reports.h: the io.github.todoke.Todoke.Reports service
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <todoke.h>

#include "todoke-failure.h"
#include "todoke-history-store.h"

G_BEGIN_DECLS

#define TODOKE_TYPE_REPORTS (todoke_reports_get_type ())
G_DECLARE_FINAL_TYPE (TodokeReports, todoke_reports, TODOKE, REPORTS, GObject)

TodokeReports *todoke_reports_new                (TodokeRuleSet       *rules,
                                                  TodokeHistoryStore  *store);
void           todoke_reports_set_language       (TodokeReports       *self,
                                                  const char          *language);
gboolean       todoke_reports_export             (TodokeReports       *self,
                                                  GDBusConnection     *connection,
                                                  const char          *object_path,
                                                  GError             **error);
void           todoke_reports_unexport           (TodokeReports       *self);
gint64         todoke_reports_report             (TodokeReports       *self,
                                                  TodokeFailure       *failure,
                                                  const char          *origin,
                                                  GPtrArray          **diagnoses,
                                                  GError             **error);
gint64         todoke_reports_submit             (TodokeReports       *self,
                                                  TodokeFailure       *failure,
                                                  const char          *origin,
                                                  GError             **error);
GPtrArray     *todoke_reports_classify           (TodokeReports       *self,
                                                  TodokeHistoryReport *report,
                                                  const char          *language,
                                                  GError             **error);

G_END_DECLS
