/* main.c: todoke-app
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "todoke-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TodokeApplication) app = NULL;
  const char *localedir = g_getenv ("TODOKE_LOCALEDIR");

  /* The windows are text and a small chart: GTK's cairo renderer draws
   * them well, and without a GL context the resident app stays small
   * (bench/app: about 27 MiB instead of 87 MiB with Mesa on X11). Someone
   * who sets GDK_DEBUG or GSK_RENDERER decides for themselves. */
  if (g_getenv ("GDK_DEBUG") == NULL && g_getenv ("GSK_RENDERER") == NULL)
    {
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = todoke_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
