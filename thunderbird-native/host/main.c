/* main.c: todoke-native-host, Thunderbird's native-messaging host
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <todoke.h>

#include "todoke-native-host.h"
#include "todoke-native-manifest.h"

static char *
own_path (const char *argv0)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  if (path == NULL)
    path = g_canonicalize_filename (argv0, NULL);
  return path;
}

static int
install_manifest (const char *argv0,
                  gboolean    system)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = own_path (argv0);
  g_autofree char *dir = todoke_native_manifest_dir (system);
  g_autofree char *written = todoke_native_manifest_install (dir, host, &error);

  if (written == NULL)
    {
      g_printerr ("todoke-native-host: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("%s\n", written);
  return EXIT_SUCCESS;
}

static int
serve (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (&error);
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;

  if (rules == NULL)
    {
      g_critical ("Cannot load the rules: %s", error->message);
      return EXIT_FAILURE;
    }
  input = g_unix_input_stream_new (0, FALSE);
  output = g_unix_output_stream_new (1, FALSE);
  return todoke_native_host_serve (rules, input, output, g_getenv ("TODOKE_NATIVE_LOG"));
}

int
main (int   argc,
      char *argv[])
{
  gboolean install = FALSE;
  gboolean system = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "install-manifest", 0, 0, G_OPTION_ARG_NONE, &install,
      N_("Write the host manifest where Thunderbird looks for it, then exit"), NULL },
    { "system", 0, 0, G_OPTION_ARG_NONE, &system,
      N_("With --install-manifest: for every user (/usr/lib/mozilla/native-messaging-hosts)"), NULL },
    { NULL }
  };

  /* Only frames may reach stdout: logging goes to stderr before anything. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Thunderbird starts the host with the manifest path and the extension
   * id as arguments: those are not options. */
  context = g_option_context_new (_("[MANIFEST EXTENSION-ID]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Thunderbird's native-messaging host for Todoke."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("todoke-native-host: %s\n", error->message);
      return 2;
    }
  if (system && !install)
    {
      g_printerr ("todoke-native-host: %s\n", _("--system goes with --install-manifest"));
      return 2;
    }
  if (install)
    return install_manifest (argv[0], system);
  if (argc > 2 && g_strcmp0 (argv[2], TODOKE_NATIVE_EXTENSION_ID) != 0)
    {
      g_printerr (_("todoke-native-host: extension %s is not allowed\n"), argv[2]);
      return EXIT_FAILURE;
    }
  return serve ();
}
