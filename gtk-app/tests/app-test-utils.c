/* app-test-utils.c: what the in-process window tests share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_test_init() forces the C locale, so the window tests start GTK
 * with gtk_init() and choose the language the way the app does: LANGUAGE
 * in a C.UTF-8 process, translations from the build tree's po/.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "app-test-utils.h"
#include "todoke-app-resources.h"

void
app_test_init (int    *argc,
               char ***argv)
{
  const char *build = g_getenv ("TODOKE_BUILD_ROOT");
  g_autofree char *localedir = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (build == NULL || g_getenv ("DISPLAY") == NULL)
    g_error ("run under xvfb-run with TODOKE_BUILD_ROOT set (meson test does)");
  setlocale (LC_ALL, "C.UTF-8");
  localedir = g_build_filename (build, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();
  g_resources_register (todoke_app_get_resource ());
  gtk_css_provider_load_from_resource (css, "/io/github/todoke/Todoke/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
app_test_set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

static gboolean
stop (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
app_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, stop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
app_test_show_and_wait (GtkWindow *window)
{
  /* Generous: the sanitizer build on a loaded machine is many times slower. */
  gint64 end = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* Let it lay out and draw. */
  app_test_iterate (400);
}

/* Renders the window with its own renderer into NAME.png in
 * $TODOKE_SCREENSHOT_DIR (or the build tree's gtk-app/tests/); returns how many pixels
 * are dark, i.e. text and icons were drawn. */
guint
app_test_screenshot (GtkWindow  *window,
                     const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *file = NULL;
  const char *dir = g_getenv ("TODOKE_SCREENSHOT_DIR");
  guint dark = 0;
  int i;

  /* A window not drawn yet (a slow, sanitized build) has no content. */
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  for (i = 0; node == NULL && i < 300; i++)
    {
      app_test_iterate (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* By default beside the test programs, never in the source tree. */
  if (dir == NULL)
    file = g_strdup_printf ("%s/gtk-app/tests/%s.png", g_getenv ("TODOKE_BUILD_ROOT"), name);
  else
    file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot: %s (%d×%d)", file, width, height);

  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (i = 0; i < width * height; i++)
    {
      guchar *p = pixels + i * 4;   /* B G R A, premultiplied */

      if (p[3] > 200 && p[0] + p[1] + p[2] < 200)
        dark++;
    }

  return dark;
}
