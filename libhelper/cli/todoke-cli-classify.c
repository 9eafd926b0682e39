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

#define PROGRESS_MIN_FILES 200

typedef struct
{
  TodokeClassifier *classifier;
  TodokeCliOutput  *output;
  const char       *lang;
  gsize             max_size;
  guint             failures;
  gboolean          progress;
  GByteArray       *buffer;   /* reused for every file read */
} Run;

static gboolean
is_maildir (const char *path)
{
  g_autofree char *cur = g_build_filename (path, "cur", NULL);
  g_autofree char *new = g_build_filename (path, "new", NULL);

  return g_file_test (cur, G_FILE_TEST_IS_DIR) && g_file_test (new, G_FILE_TEST_IS_DIR);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Every message file under @dir, sorted, named relative to how @dir was given.
 * A Maildir's tmp/ holds messages still being written: skip it. */
static gboolean
walk_directory (const char  *dir,
                GPtrArray   *paths,
                guint        depth,
                GError     **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean maildir;
  const char *name;
  guint i;

  if (handle == NULL)
    return FALSE;
  if (depth > 32)
    return TRUE;
  maildir = is_maildir (dir);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] != '.' && !(maildir && strcmp (name, "tmp") == 0))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) local_error = NULL;

          if (!walk_directory (path, paths, depth + 1, &local_error))
            g_printerr ("todoke: %s: %s\n", path, local_error->message);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }

  return TRUE;
}

static gboolean
read_list (const char  *list,
           GPtrArray   *paths,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint i;

  if (strcmp (list, "-") == 0)
    {
      g_autoptr(GIOChannel) channel = g_io_channel_unix_new (STDIN_FILENO);
      gsize length = 0;

      g_io_channel_set_encoding (channel, NULL, NULL);
      if (g_io_channel_read_to_end (channel, &contents, &length, error) != G_IO_STATUS_NORMAL)
        return FALSE;
    }
  else if (!g_file_get_contents (list, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize length = strlen (line);

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';
      if (*line != '\0')
        g_ptr_array_add (paths, g_strdup (line));
    }

  return TRUE;
}

static GBytes *
read_stdin (gsize    max_size,
            GError **error)
{
  GByteArray *array = g_byte_array_new ();
  guint8 buffer[65536];
  gssize n;

  while ((n = read (STDIN_FILENO, buffer, sizeof buffer)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
          g_byte_array_unref (array);
          return NULL;
        }
      if (array->len + n > max_size)
        {
          g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                       _("Input too large (the limit is %lu bytes; see --max-size)"),
                       (unsigned long) max_size);
          g_byte_array_unref (array);
          return NULL;
        }
      g_byte_array_append (array, buffer, n);
    }

  return g_byte_array_free_to_bytes (array);
}

static void
set_errno_error (GError **error,
                 int      saved)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
}

/* Reads one file into @buffer, which is reused from file to file: a run
 * over a million bounces allocates once, not once per message. The bytes
 * returned are valid until the next call. */
static GBytes *
read_file (const char  *path,
           gsize        max_size,
           GByteArray  *buffer,
           GError     **error)
{
  GStatBuf st;
  gsize length = 0;
  int fd;

  if (strcmp (path, "-") == 0)
    return read_stdin (max_size, error);
  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      set_errno_error (error, saved);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("Is a directory"));
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   _("File too large (%llu bytes; the limit is %lu bytes; see --max-size)"),
                   (unsigned long long) st.st_size, (unsigned long) max_size);
      return NULL;
    }

  g_byte_array_set_size (buffer, MAX ((gsize) st.st_size, 4096) + 1);
  for (;;)
    {
      gssize n;

      if (length == buffer->len)
        {
          if (buffer->len > max_size)
            {
              close (fd);
              g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                           _("File too large (the limit is %lu bytes; see --max-size)"),
                           (unsigned long) max_size);
              return NULL;
            }
          g_byte_array_set_size (buffer, buffer->len * 2);
        }
      n = read (fd, buffer->data + length, buffer->len - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          set_errno_error (error, saved);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
      /* All the bytes fstat() announced: no need to ask for the end. */
      if (S_ISREG (st.st_mode) && st.st_size > 0 && length == (gsize) st.st_size)
        break;
    }
  close (fd);
  if (length > max_size)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   _("File too large (the limit is %lu bytes; see --max-size)"), (unsigned long) max_size);
      return NULL;
    }

  return g_bytes_new_static (buffer->data, length);
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
  guint i;

  bytes = read_file (path, run->max_size, run->buffer, &error);
  if (bytes != NULL)
    diagnoses = todoke_classifier_classify_bounce (run->classifier, bytes, run->lang, &error);

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

  if (strcmp (reply, "-") == 0)
    {
      g_autoptr(GError) error = NULL;

      if ((input = read_stdin (TODOKE_DEFAULT_MAX_MESSAGE_SIZE, &error)) == NULL)
        {
          g_assert (error != NULL);
          g_printerr ("todoke: %s\n", error->message);
          return TODOKE_CLI_EXIT_FAILED;
        }
      text = g_strndup (g_bytes_get_data (input, NULL), g_bytes_get_size (input));
      reply = text;
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

  return TODOKE_CLI_EXIT_OK;
}

int
todoke_cli_classify (int    argc,
                     char **argv)
{
  gboolean json = FALSE, summary = FALSE;
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
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE|DIR|- …"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = NULL;
  g_autoptr(TodokeClassifier) classifier = NULL;
  g_autoptr(TodokeCliOutput) output = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
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
  if (json && summary)
    {
      g_printerr (_("todoke classify: --json and --summary exclude each other\n"));
      return TODOKE_CLI_EXIT_USAGE;
    }
  if (lang != NULL && !g_str_has_prefix (lang, "ja") && !g_str_has_prefix (lang, "en"))
    {
      g_printerr (_("todoke: unsupported language “%s” (use ja or en)\n"), lang);
      return TODOKE_CLI_EXIT_USAGE;
    }
  if (max_size <= 0)
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

  if (files_from != NULL && !read_list (files_from, paths, &error))
    {
      g_printerr ("todoke classify: %s: %s\n", files_from, error->message);
      return TODOKE_CLI_EXIT_FAILED;
    }
  for (i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-") != 0 && g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) local_error = NULL;

          if (!walk_directory (argv[i], paths, 0, &local_error))
            {
              g_printerr ("todoke: %s: %s\n", argv[i], local_error->message);
              run.failures++;
            }
        }
      else
        g_ptr_array_add (paths, g_strdup (argv[i]));
    }

  format = json ? TODOKE_CLI_FORMAT_JSON : summary ? TODOKE_CLI_FORMAT_SUMMARY : TODOKE_CLI_FORMAT_TEXT;
  output = todoke_cli_output_new (format, stdout, lang != NULL);
  run.classifier = classifier;
  run.output = output;
  run.lang = lang;
  run.max_size = max_size;
  run.buffer = g_byte_array_new ();
  run.progress = isatty (STDERR_FILENO) && paths->len >= PROGRESS_MIN_FILES &&
                 (summary || !isatty (STDOUT_FILENO));

  for (i = 0; i < (int) paths->len; i++)
    {
      classify_one (&run, g_ptr_array_index (paths, i));
      if (run.progress && (i % 50 == 0 || i + 1 == (int) paths->len))
        show_progress (i + 1, paths->len);
    }
  todoke_cli_output_finish (output);
  g_byte_array_unref (run.buffer);

  return run.failures > 0 ? TODOKE_CLI_EXIT_FAILED : TODOKE_CLI_EXIT_OK;
}
