/* todoke-glyphs.h: count what a window cannot draw
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

guint todoke_count_unknown_glyphs (GtkWidget *widget,
                                   guint     *n_labels);
char *todoke_collect_text         (GtkWidget *widget);

G_END_DECLS
