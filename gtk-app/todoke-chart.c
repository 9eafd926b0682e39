/* todoke-chart.c: failures per reason per day, as stacked bars
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per day, oldest on the left, stacked by series (the most
 * frequent reasons, then "other"), drawn with cairo into the snapshot.
 * The legend is made of ordinary labels by the history window.
 */

#include "config.h"

#include <math.h>

#include "todoke-chart.h"

struct _TodokeChart
{
  GtkWidget  parent_instance;

  guint      n_days;
  guint      n_series;
  guint     *counts;     /* owned: n_series × n_days, row-major by series */
  guint      max;
};

G_DEFINE_FINAL_TYPE (TodokeChart, todoke_chart, GTK_TYPE_WIDGET)

/* The GNOME palette: blue, orange, green, purple, red, brown. */
static const char * const palette[TODOKE_CHART_MAX_SERIES] = {
  "#3584e4", "#ff7800", "#33d17a", "#9141ac", "#e01b24", "#986a44",
};

void
todoke_chart_get_color (guint    series,
                        GdkRGBA *color)
{
  gdk_rgba_parse (color, palette[series % TODOKE_CHART_MAX_SERIES]);
}

static void
draw (TodokeChart *self,
      cairo_t     *cr,
      double       width,
      double       height)
{
  GdkRGBA fg;
  double slot, bar, scale, base = height - 1;
  guint day, s;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  /* Gridlines at quarters of the highest day. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  for (s = 0; s <= 4; s++)
    {
      double y = floor (base - (base - 4) * s / 4.0) + 0.5;

      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
    }
  cairo_stroke (cr);
  if (self->n_days == 0 || self->max == 0)
    return;

  slot = width / self->n_days;
  bar = MAX (1.0, slot * 0.7);
  scale = (base - 4) / self->max;
  for (day = 0; day < self->n_days; day++)
    {
      double y = base;
      double x = day * slot + (slot - bar) / 2;

      for (s = 0; s < self->n_series; s++)
        {
          guint n = self->counts[s * self->n_days + day];
          GdkRGBA color;

          if (n == 0)
            continue;
          todoke_chart_get_color (s, &color);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_rectangle (cr, x, y - n * scale, bar, n * scale);
          cairo_fill (cr);
          y -= n * scale;
        }
    }
}

static void
todoke_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (TODOKE_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
todoke_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 80;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 140;
}

static void
todoke_chart_finalize (GObject *object)
{
  g_free (TODOKE_CHART (object)->counts);

  G_OBJECT_CLASS (todoke_chart_parent_class)->finalize (object);
}

static void
todoke_chart_class_init (TodokeChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = todoke_chart_finalize;
  widget_class->snapshot = todoke_chart_snapshot;
  widget_class->measure = todoke_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
todoke_chart_init (TodokeChart *self)
{
}

GtkWidget *
todoke_chart_new (void)
{
  return g_object_new (TODOKE_TYPE_CHART, NULL);
}

/**
 * todoke_chart_set_data:
 * @self: the chart
 * @n_days: bars
 * @n_series: at most %TODOKE_CHART_MAX_SERIES
 * @counts: (array): @n_series rows of @n_days counts, oldest day first
 */
void
todoke_chart_set_data (TodokeChart *self,
                       guint        n_days,
                       guint        n_series,
                       const guint *counts)
{
  guint day, s;

  n_series = MIN (n_series, TODOKE_CHART_MAX_SERIES);
  g_free (self->counts);
  self->counts = g_memdup2 (counts, sizeof (guint) * n_days * n_series);
  self->n_days = n_days;
  self->n_series = n_series;
  self->max = 0;
  for (day = 0; day < n_days; day++)
    {
      guint total = 0;

      for (s = 0; s < n_series; s++)
        total += counts[s * n_days + day];
      self->max = MAX (self->max, total);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
todoke_chart_get_max (TodokeChart *self)
{
  return self->max;
}
