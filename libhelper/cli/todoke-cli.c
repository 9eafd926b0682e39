/* todoke-cli.c: sub-command dispatch, `reasons` and `explain`
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "todoke-cli.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n",
           _("Usage:\n"
             "  todoke classify [--json|--summary] [--lang ja|en] [--files-from LIST|-] FILE|DIR|- …\n"
             "  todoke classify --reply TEXT|- [--recipient ADDR] [--lang ja|en] [--json]\n"
             "  todoke explain REASON-ID [--lang ja|en] [--client thunderbird|outlook] [--provider ID]\n"
             "  todoke reasons [--json]\n"
             "  todoke diagnose [--json] [--lang ja|en] --recipient ADDR [--sender ADDR] [--server HOST[:PORT]] [--user NAME] [--timeout SECONDS] [--store-password]\n"
             "\n"
             "Explains why mail was not delivered and what to do about it."));
}

int
todoke_cli_main (int    argc,
                 char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? TODOKE_CLI_EXIT_USAGE : TODOKE_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("todoke %s\n", PACKAGE_VERSION);
      return TODOKE_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "classify") == 0)
    return todoke_cli_classify (argc - 1, argv + 1);
  if (strcmp (argv[1], "explain") == 0)
    return todoke_cli_explain (argc - 1, argv + 1);
  if (strcmp (argv[1], "reasons") == 0)
    return todoke_cli_reasons (argc - 1, argv + 1);
  if (strcmp (argv[1], "diagnose") == 0)
    return todoke_cli_diagnose (argc - 1, argv + 1);

  g_printerr (_("todoke: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);

  return TODOKE_CLI_EXIT_USAGE;
}

static gboolean
parse_options (const char      *name,
               GOptionEntry    *entries,
               const char      *parameter,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("todoke %s", name);

  g_set_prgname (prgname);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("todoke %s: %s\n", name, error->message);
      return FALSE;
    }

  return TRUE;
}

/* The checks every command makes of --lang and --client, with the same
 * words: a language is "ja" or "en" (a locale name such as ja_JP.UTF-8
 * too), a client "thunderbird" or "outlook". */
gboolean
todoke_cli_check_options (const char *command,
                          const char *lang,
                          const char *client)
{
  if (lang != NULL && !(g_str_has_prefix (lang, "ja") || g_str_has_prefix (lang, "en")))
    {
      g_printerr (_("todoke %s: unsupported language “%s” (use ja or en)\n"), command, lang);
      return FALSE;
    }
  if (client != NULL && strcmp (client, "thunderbird") != 0 && strcmp (client, "outlook") != 0)
    {
      g_printerr (_("todoke %s: unknown mail client “%s” (use thunderbird or outlook)\n"), command, client);
      return FALSE;
    }

  return TRUE;
}

static TodokeRuleSet *
load_rules (void)
{
  g_autoptr(GError) error = NULL;
  TodokeRuleSet *rules = todoke_rule_set_new_default (&error);

  if (rules == NULL)
    g_printerr ("todoke: %s\n", error->message);

  return rules;
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (; values != NULL && *values != NULL; values++)
    json_builder_add_string_value (builder, *values);
  json_builder_end_array (builder);
}

int
todoke_cli_reasons (int    argc,
                    char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON Lines, one reason per line"), NULL },
    { NULL }
  };
  g_autoptr(TodokeRuleSet) rules = NULL;
  g_auto(GStrv) ids = NULL;
  guint i;

  if (!parse_options ("reasons", entries, "", &argc, &argv))
    return TODOKE_CLI_EXIT_USAGE;
  if ((rules = load_rules ()) == NULL)
    return TODOKE_CLI_EXIT_FAILED;

  ids = todoke_rule_set_dup_reason_ids (rules);
  for (i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(TodokeGuide) en = todoke_rule_set_lookup_guide (rules, ids[i], "en", NULL, NULL);
      g_autoptr(TodokeGuide) ja = todoke_rule_set_lookup_guide (rules, ids[i], "ja", NULL, NULL);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *line = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, ids[i]);
          json_builder_set_member_name (builder, "title_ja");
          json_builder_add_string_value (builder, ja ? todoke_guide_get_title (ja) : NULL);
          json_builder_set_member_name (builder, "title_en");
          json_builder_add_string_value (builder, en ? todoke_guide_get_title (en) : NULL);
          add_string_array (builder, "steps_ja", ja ? todoke_guide_get_steps (ja) : NULL);
          add_string_array (builder, "steps_en", en ? todoke_guide_get_steps (en) : NULL);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          json_generator_set_root (generator, root);
          line = json_generator_to_data (generator, NULL);
          printf ("%s\n", line);
        }
      else
        printf ("%-34s %s\n", ids[i], en ? todoke_guide_get_title (en) : "");
    }

  return TODOKE_CLI_EXIT_OK;
}

int
todoke_cli_explain (int    argc,
                    char **argv)
{
  g_autofree char *lang = NULL;
  g_autofree char *client = NULL;
  g_autofree char *provider = NULL;
  GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the guide (ja or en)"), "LANG" },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Mail client the steps are for (thunderbird or outlook)"), "CLIENT" },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, N_("Provider id, for provider-specific notes"), "PROVIDER" },
    { NULL }
  };
  g_autoptr(TodokeRuleSet) rules = NULL;
  g_autoptr(TodokeGuide) guide = NULL;

  if (!parse_options ("explain", entries, _("REASON-ID"), &argc, &argv) ||
      !todoke_cli_check_options ("explain", lang, client))
    return TODOKE_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("todoke explain: give exactly one reason id (see “todoke reasons”)\n"));
      return TODOKE_CLI_EXIT_USAGE;
    }
  if ((rules = load_rules ()) == NULL)
    return TODOKE_CLI_EXIT_FAILED;

  guide = todoke_rule_set_lookup_guide (rules, argv[1], lang, client, provider);
  if (guide == NULL)
    {
      g_printerr (_("todoke explain: unknown reason “%s” (see “todoke reasons”)\n"), argv[1]);
      return TODOKE_CLI_EXIT_USAGE;
    }
  todoke_cli_print_guide (stdout, rules, guide, NULL);

  return TODOKE_CLI_EXIT_OK;
}
