/* todoke-cli-classify.c: `todoke classify` over files, folders, lists and replies
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "todoke-cli.h"
#include "todoke-cli-notify.h"

#define PROGRESS_MIN_FILES 200

typedef struct
{
  TodokeClassifier *classifier;
  TodokeCliOutput  *output;
  const char       *lang;
  guint64           max_size;
  guint             failures;
  guint             truncations;
  gboolean          progress;
  TodokeCliBuffer   buffer;   /* reused for every file read */
} Run;

/* What a limit left out, in the user's words. */
static void
report_truncation (const char       *path,
                   TodokeTruncation  truncated)
{
  if (truncated & TODOKE_TRUNCATION_MESSAGES)
    g_printerr (_("todoke: %s: only the first %u messages of the mailbox were read\n"),
                path, TODOKE_MAX_MAILBOX_MESSAGES);
  if (truncated & TODOKE_TRUNCATION_RECIPIENTS)
    g_printerr (_("todoke: %s: a report lists too many recipients; only the first %u were read\n"),
                path, 1000);
  if (truncated & TODOKE_TRUNCATION_PARTS)
    g_printerr (_("todoke: %s: too many MIME parts; only the first %u were read\n"), path, 256);
  if (truncated & TODOKE_TRUNCATION_DEPTH)
    g_printerr (_("todoke: %s: MIME parts nested deeper than %u levels were not read\n"), path, 8);
  if (truncated & TODOKE_TRUNCATION_HEADERS)
    g_printerr (_("todoke: %s: too many header lines; only the first %u were read\n"), path, 20000);
  if (truncated & TODOKE_TRUNCATION_TEXT)
    g_printerr (_("todoke: %s: the text is too long; only its beginning was read\n"), path);
}

static void
show_progress (guint done,
               guint total)
{
  const guint width = 30;
  guint filled = total ? done * width / total : width;
  char bar[64];

  memset (bar, '#', filled);
  memset (bar + filled, '.', width - filled);
  bar[width] = '\0';
  g_printerr ("\r%u/%u [%s] %3u%%", done, total, bar, total ? done * 100 / total : 100);
  if (done == total)
    g_printerr ("\r\033[K");
}

static void
classify_one (Run        *run,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  guint i;

  bytes = todoke_cli_read_file (path, run->max_size, &run->buffer, &error);
  if (bytes != NULL)
    diagnoses = todoke_classifier_classify_bounce_full (run->classifier, bytes, run->lang,
                                                        &truncated, &error);
  if (truncated != TODOKE_TRUNCATION_NONE)
    {
      report_truncation (path, truncated);
      run->truncations++;
    }

  /* NULL comes with an error set (scan-build cannot see into GLib). */
  g_assert (diagnoses != NULL || error != NULL);
  if (diagnoses == NULL)
    {
      gboolean not_bounce = g_error_matches (error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE);

      if (!not_bounce)
        {
          g_printerr ("todoke: %s: %s\n", path, error->message);
          run->failures++;
        }
      todoke_cli_output_count_file (run->output, FALSE, !not_bounce);
      return;
    }

  for (i = 0; i < diagnoses->len; i++)
    todoke_cli_output_add (run->output, path, g_ptr_array_index (diagnoses, i));
  todoke_cli_output_count_file (run->output, TRUE, FALSE);
  if (diagnoses->len > 0 && !todoke_cli_notify_bounce (bytes, run->lang))
    run->failures++;
}

static int
classify_reply (TodokeClassifier *classifier,
                const char       *reply,
                const char       *recipient,
                const char       *lang,
                gboolean          json)
{
  g_autoptr(TodokeDiagnosis) diagnosis = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autofree char *text = NULL;
  gboolean truncated = FALSE;

  if (strcmp (reply, "-") == 0)
    {
      g_autoptr(GError) error = NULL;

      TodokeCliBuffer buffer = { NULL, 0, 0 };

      /* Read a little past the longest reply, to tell that it was cut. */
      input = todoke_cli_read_file ("-", TODOKE_DEFAULT_MAX_MESSAGE_SIZE, &buffer, &error);
      if (input == NULL)
        {
          g_assert (error != NULL);
          g_printerr ("todoke: %s\n", error->message);
          g_free (buffer.data);
          return TODOKE_CLI_EXIT_FAILED;
        }
      text = g_strndup (buffer.data, buffer.length);
      g_free (buffer.data);
      reply = text;
    }
  if (strlen (reply) > TODOKE_MAX_REPLY_LENGTH)
    {
      g_printerr (_("todoke: the reply is too long; only its first %u bytes were read\n"),
                  TODOKE_MAX_REPLY_LENGTH);
      truncated = TRUE;
    }

  diagnosis = todoke_classifier_classify_reply (classifier, reply, recipient, lang);
  if (json)
    {
      g_autofree char *line = todoke_diagnosis_to_json (diagnosis, NULL, TODOKE_JSON_GUIDE, 0);

      printf ("%s\n", line);
    }
  else if (todoke_diagnosis_get_guide (diagnosis) != NULL)
    todoke_cli_print_guide (stdout, todoke_classifier_get_rule_set (classifier),
                            todoke_diagnosis_get_guide (diagnosis), diagnosis);

  if (!todoke_cli_notify_reply (reply, recipient, lang))
    return TODOKE_CLI_EXIT_FAILED;
  return truncated ? TODOKE_CLI_EXIT_TRUNCATED : TODOKE_CLI_EXIT_OK;
}

int
todoke_cli_classify (int    argc,
                     char **argv)
{
  gboolean json = FALSE, summary = FALSE, notify = FALSE;
  g_autofree char *lang = NULL;
  g_autofree char *client = NULL;
  g_autofree char *files_from = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *recipient = NULL;
  gint64 max_size = TODOKE_DEFAULT_MAX_MESSAGE_SIZE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON Lines, one object per failed recipient"), NULL },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary, N_("Print counts per reason and per provider"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the explanations (ja or en)"), "LANG" },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Mail client the steps are for (thunderbird or outlook)"), "CLIENT" },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &files_from, N_("Read the files to classify from LIST, one per line (- for standard input)"), "LIST" },
    { "reply", 0, 0, G_OPTION_ARG_STRING, &reply, N_("Classify a reply the mail client got while sending (- for standard input)"), "TEXT" },
    { "recipient", 0, 0, G_OPTION_ARG_STRING, &recipient, N_("The address the reply was about"), "ADDRESS" },
    { "max-size", 0, 0, G_OPTION_ARG_INT64, &max_size, N_("Refuse messages larger than BYTES (default 64 MiB)"), "BYTES" },
    { "notify", 0, 0, G_OPTION_ARG_NONE, &notify, N_("Hand each failure to the desktop app, which notifies and keeps it"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE|DIR|- …"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = NULL;
  g_autoptr(TodokeClassifier) classifier = NULL;
  g_autoptr(TodokeCliOutput) output = NULL;
  g_autoptr(TodokeCliInputs) inputs = todoke_cli_inputs_new ();
  GPtrArray *paths;
  TodokeCliFormat format;
  Run run = { 0 };
  int i;

  g_set_prgname ("todoke classify");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("todoke classify: %s\n", error->message);
      return TODOKE_CLI_EXIT_USAGE;
    }
  todoke_cli_notify_enable (notify);
  if (json && summary)
    {
      g_printerr (_("todoke classify: --json and --summary exclude each other\n"));
      return TODOKE_CLI_EXIT_USAGE;
    }
  if (!todoke_cli_check_options ("classify", lang, client))
    return TODOKE_CLI_EXIT_USAGE;
  if (max_size <= 0 || (guint64) max_size >= G_MAXSIZE)
    {
      g_printerr (_("todoke classify: --max-size must be a positive number of bytes\n"));
      return TODOKE_CLI_EXIT_USAGE;
    }
  if (reply == NULL && files_from == NULL && argc < 2)
    {
      g_printerr (_("todoke classify: give files, folders, - for standard input, --files-from or --reply\n"));
      return TODOKE_CLI_EXIT_USAGE;
    }


  rules = todoke_rule_set_new_default (&error);
  if (rules == NULL)
    {
      g_printerr ("todoke: %s\n", error->message);
      return TODOKE_CLI_EXIT_FAILED;
    }
  classifier = todoke_classifier_new (rules, client);
  todoke_classifier_set_max_size (classifier, max_size);

  if (reply != NULL)
    return classify_reply (classifier, reply, recipient, lang, json);

  /* Bulk JSON needs no guide text unless a language was asked for. */
  todoke_classifier_set_with_guides (classifier, !(json && lang == NULL) && !summary);
  /* The command uses GMime for nothing but bounces: let it skip parsing
   * the returned originals, whose headers libtodoke reads itself. */
  todoke_classifier_set_read_originals (classifier, FALSE);

  if (files_from != NULL && !todoke_cli_inputs_add_list (inputs, files_from, &error))
    {
      g_printerr ("todoke classify: %s: %s\n", files_from, error->message);
      return TODOKE_CLI_EXIT_FAILED;
    }
  for (i = 1; i < argc; i++)
    todoke_cli_inputs_add (inputs, argv[i]);
  paths = todoke_cli_inputs_get_paths (inputs);
  run.failures = todoke_cli_inputs_get_refused (inputs);

  format = json ? TODOKE_CLI_FORMAT_JSON : summary ? TODOKE_CLI_FORMAT_SUMMARY : TODOKE_CLI_FORMAT_TEXT;
  output = todoke_cli_output_new (format, stdout, lang != NULL);
  todoke_cli_output_set_rule_set (output, todoke_classifier_get_rule_set (classifier));
  run.classifier = classifier;
  run.output = output;
  run.lang = lang;
  run.max_size = max_size;

  run.progress = isatty (STDERR_FILENO) && paths->len >= PROGRESS_MIN_FILES &&
                 (summary || !isatty (STDOUT_FILENO));

  for (i = 0; i < (int) paths->len; i++)
    {
      classify_one (&run, g_ptr_array_index (paths, i));
      if (run.progress && (i % 50 == 0 || i + 1 == (int) paths->len))
        show_progress (i + 1, paths->len);
    }
  todoke_cli_output_finish (output);
  g_free (run.buffer.data);

  if (run.failures > 0)
    return TODOKE_CLI_EXIT_FAILED;

  return run.truncations > 0 ? TODOKE_CLI_EXIT_TRUNCATED : TODOKE_CLI_EXIT_OK;
}
