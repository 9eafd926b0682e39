/* todoke-cli-diagnose.c: `todoke diagnose`, the diagnostic checks
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "todoke-cli.h"

#define MAX_PASSWORD 1024

typedef struct
{
  gboolean   json;
  char      *lang;
  char      *recipient;
  char      *sender;
  char      *server;
  char      *user;
  double     timeout;
  gboolean   store_password;
  char     **checks;
  char      *dns_server;
  char      *ca_file;
} DiagnoseOptions;

static void
diagnose_options_clear (DiagnoseOptions *options)
{
  g_free (options->lang);
  g_free (options->recipient);
  g_free (options->sender);
  g_free (options->server);
  g_free (options->user);
  g_strfreev (options->checks);
  g_free (options->dns_server);
  g_free (options->ca_file);
}

static gboolean
parse_diagnose_options (DiagnoseOptions   *options,
                        int               *argc,
                        char            ***argv)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON Lines, one finding per line"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options->lang, N_("Language of the findings (ja or en)"), "LANG" },
    { "recipient", 0, 0, G_OPTION_ARG_STRING, &options->recipient, N_("Check this recipient address and its domain"), "ADDR" },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &options->sender, N_("Check this sender address and its domain's SPF and DMARC"), "ADDR" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &options->server, N_("Check this outgoing (SMTP) server"), "HOST[:PORT]" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &options->user, N_("Log in to the server as this user, with the stored password"), "NAME" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &options->timeout, N_("Longest time for each check, in seconds (default 10)"), "SECONDS" },
    { "store-password", 0, 0, G_OPTION_ARG_NONE, &options->store_password, N_("Store the password for --server and --user in the keyring first"), NULL },
    { "check", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->checks, N_("Run only this check (repeatable)"), "ID" },
    { "dns-server", 0, 0, G_OPTION_ARG_STRING, &options->dns_server, N_("Ask this DNS server instead of the system's"), "ADDRESS[:PORT]" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options->ca_file, N_("Trust only the certificate authorities in this PEM file (a private server)"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_set_prgname ("todoke diagnose");
  g_option_context_set_summary (context, _("Checks the recipient, the sender's domain and the outgoing server."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("todoke diagnose: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_options (DiagnoseOptions *options)
{
  if (options->lang != NULL && !g_str_has_prefix (options->lang, "ja") &&
      !g_str_has_prefix (options->lang, "en"))
    g_printerr (_("todoke: unsupported language “%s” (use ja or en)\n"), options->lang);
  else if (options->recipient == NULL && options->sender == NULL && options->server == NULL)
    g_printerr (_("todoke diagnose: give --recipient, --sender or --server\n"));
  else if (options->store_password && (options->server == NULL || options->user == NULL))
    g_printerr (_("todoke diagnose: --store-password needs --server and --user\n"));
  else if (options->timeout < 0 || options->timeout > 600)
    g_printerr (_("todoke diagnose: --timeout must be between 0 and 600 seconds\n"));
  else
    return TRUE;

  return FALSE;
}

/* One line from the terminal without echo, or from standard input. */
static char *
read_password (void)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char *buffer = g_malloc0 (MAX_PASSWORD);
  gsize length;

  if (tty)
    {
      fprintf (stderr, "%s", _("Password: "));
      quiet = saved;
      quiet.c_lflag &= ~(ECHO);
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (fgets (buffer, MAX_PASSWORD, stdin) == NULL)
    buffer[0] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fprintf (stderr, "\n");
    }
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';

  return buffer;
}

static void
free_password (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, MAX_PASSWORD);
  g_free (password);
}

static gboolean
store_password (const char *server,
                const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) address = g_network_address_parse (server, 0, &error);
  char *password;
  gboolean stored = FALSE;

  if (address == NULL)
    {
      g_printerr ("todoke diagnose: %s\n", error->message);
      return FALSE;
    }
  password = read_password ();
  server = g_network_address_get_hostname (G_NETWORK_ADDRESS (address));
  if (*password == '\0')
    g_printerr (_("todoke diagnose: no password given\n"));
  else if (!todoke_probe_store_password (server, user, password, NULL, &error))
    g_printerr (_("todoke diagnose: could not store the password: %s\n"), error->message);
  else
    stored = TRUE;
  free_password (password);

  return stored;
}

static const char *
status_label (TodokeRuleSet       *rules,
              TodokeFindingStatus  status,
              const char          *lang)
{
  g_autofree char *id = g_strconcat ("probe-status-", todoke_finding_status_to_string (status), NULL);
  const char *text = todoke_rule_set_lookup_text (rules, id, lang);

  return text != NULL ? text : todoke_finding_status_to_string (status);
}

static void
print_finding_text (TodokeRuleSet *rules,
                    TodokeFinding *finding,
                    const char    *lang)
{
  TodokeGuide *guide = todoke_finding_get_guide (finding);
  const char *steps_label = todoke_rule_set_lookup_text (rules, "steps", lang);
  const char * const *steps;
  guint i;

  printf ("[%s] %s\n", status_label (rules, todoke_finding_get_status (finding), lang),
          todoke_finding_get_summary (finding));
  if (todoke_finding_get_detail (finding) != NULL)
    printf ("    %s\n", todoke_finding_get_detail (finding));
  if (todoke_finding_get_suggestion (finding) != NULL)
    printf ("    %s: %s\n", todoke_rule_set_lookup_text (rules, "probe-suggestion", lang),
            todoke_finding_get_suggestion (finding));
  if (guide == NULL || todoke_finding_get_status (finding) == TODOKE_FINDING_STATUS_OK)
    return;
  printf ("    %s (%s)\n", todoke_guide_get_title (guide), todoke_finding_get_reason (finding));
  printf ("    %s:\n", steps_label);
  steps = todoke_guide_get_steps (guide);
  for (i = 0; steps != NULL && steps[i] != NULL; i++)
    printf ("      %u. %s\n", i + 1, steps[i]);
}

static TodokeProbeRequest *
build_request (DiagnoseOptions *options,
               GError         **error)
{
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();

  todoke_probe_request_set_recipient (request, options->recipient);
  todoke_probe_request_set_sender (request, options->sender);
  todoke_probe_request_set_user (request, options->user);
  todoke_probe_request_set_try_login (request, options->user != NULL);
  todoke_probe_request_set_checks (request, (const char * const *) options->checks);
  if (options->server != NULL)
    {
      g_autoptr(GSocketConnectable) address = g_network_address_parse (options->server, 0, error);

      if (address == NULL)
        return NULL;
      todoke_probe_request_set_server (request,
                                       g_network_address_get_hostname (G_NETWORK_ADDRESS (address)),
                                       g_network_address_get_port (G_NETWORK_ADDRESS (address)));
    }

  return g_steal_pointer (&request);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
run_probe (TodokeProbe        *probe,
           TodokeProbeRequest *request,
           const char         *lang,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  todoke_probe_run_async (probe, request, lang, NULL, run_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return todoke_probe_run_finish (probe, result, error);
}

static int
print_findings (TodokeRuleSet   *rules,
                GPtrArray       *findings,
                DiagnoseOptions *options)
{
  gboolean problem = FALSE;
  guint i;

  for (i = 0; i < findings->len; i++)
    {
      TodokeFinding *finding = g_ptr_array_index (findings, i);

      if (todoke_finding_get_status (finding) == TODOKE_FINDING_STATUS_PROBLEM)
        problem = TRUE;
      if (options->json)
        {
          g_autofree char *json = todoke_finding_to_json (finding, TODOKE_JSON_GUIDE);

          printf ("%s\n", json);
        }
      else
        print_finding_text (rules, finding, options->lang);
    }

  return problem ? TODOKE_CLI_EXIT_FAILED : TODOKE_CLI_EXIT_OK;
}

static int
diagnose (DiagnoseOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (&error);
  g_autoptr(TodokeProbe) probe = NULL;
  g_autoptr(TodokeProbeRequest) request = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  if (rules == NULL || (request = build_request (options, &error)) == NULL)
    {
      g_printerr ("todoke diagnose: %s\n", error->message);
      return rules == NULL ? TODOKE_CLI_EXIT_FAILED : TODOKE_CLI_EXIT_USAGE;
    }
  probe = todoke_probe_new (rules);
  todoke_probe_set_timeout (probe, (guint) (options->timeout * 1000));
  if (options->dns_server != NULL && !todoke_probe_set_dns_server (probe, options->dns_server, &error))
    {
      g_printerr ("todoke diagnose: %s\n", error->message);
      return TODOKE_CLI_EXIT_USAGE;
    }
  if (options->ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (options->ca_file, &error);

      if (database == NULL)
        {
          g_printerr ("todoke diagnose: %s\n", error->message);
          return TODOKE_CLI_EXIT_USAGE;
        }
      todoke_probe_set_tls_database (probe, database);
    }
  findings = run_probe (probe, request, options->lang, &error);
  if (findings == NULL)
    {
      g_printerr ("todoke diagnose: %s\n", error->message);
      return TODOKE_CLI_EXIT_USAGE;
    }
  fflush (stdout);

  return print_findings (rules, findings, options);
}

int
todoke_cli_diagnose (int    argc,
                     char **argv)
{
  DiagnoseOptions options = { 0 };
  int status;

  if (!parse_diagnose_options (&options, &argc, &argv) || !validate_options (&options))
    {
      diagnose_options_clear (&options);
      return TODOKE_CLI_EXIT_USAGE;
    }
  if (options.store_password && !store_password (options.server, options.user))
    status = TODOKE_CLI_EXIT_FAILED;
  else
    status = diagnose (&options);
  diagnose_options_clear (&options);

  return status;
}
