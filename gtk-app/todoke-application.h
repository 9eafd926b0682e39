/* todoke-application.h: the resident desktop app
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include <todoke.h>

#include "todoke-history-store.h"

G_BEGIN_DECLS

#define TODOKE_TYPE_APPLICATION (todoke_application_get_type ())
G_DECLARE_FINAL_TYPE (TodokeApplication, todoke_application, TODOKE, APPLICATION, AdwApplication)

TodokeApplication  *todoke_application_new          (void);
const char         *todoke_application_get_language (TodokeApplication *self);
TodokeHistoryStore *todoke_application_get_store    (TodokeApplication *self);
TodokeRuleSet      *todoke_application_get_rules    (TodokeApplication *self);
GtkWindow          *todoke_application_show_guide   (TodokeApplication *self,
                                                     gint64             report_id,
                                                     guint              index);
void                todoke_application_apply_language (GSettings       *settings);

G_END_DECLS
