/* app-test-utils.h: what the in-process window tests share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void     app_test_init          (int        *argc,
                                 char     ***argv);
void     app_test_set_language  (const char *language);
void     app_test_show_and_wait (GtkWindow  *window);
void     app_test_iterate       (guint       ms);
guint    app_test_screenshot    (GtkWindow  *window,
                                 const char *name);

G_END_DECLS
