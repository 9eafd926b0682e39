/* todoke-chart.h: failures per reason per day, as stacked bars
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TODOKE_CHART_MAX_SERIES 6

#define TODOKE_TYPE_CHART (todoke_chart_get_type ())
G_DECLARE_FINAL_TYPE (TodokeChart, todoke_chart, TODOKE, CHART, GtkWidget)

GtkWidget *todoke_chart_new        (void);
void       todoke_chart_set_data   (TodokeChart  *self,
                                    guint         n_days,
                                    guint         n_series,
                                    const guint  *counts);
guint      todoke_chart_get_max    (TodokeChart  *self);
void       todoke_chart_get_color  (guint         series,
                                    GdkRGBA      *color);

G_END_DECLS
