/* test-text-output.c: what `todoke classify` prints for a person
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Golden files: tests/data/text-output/NAME.LANG.txt hold the exact output
 * of `todoke classify --lang LANG NAME.eml` run in that folder, with the
 * build tree's help folder written as @HELP_HTML@. After a deliberate
 * change of the texts, regenerate them in tests/data/text-output with
 *   B=<absolute build dir>; for l in ja en; do $B/libhelper/cli/todoke classify \
 *     --lang $l bounce.eml | sed "s|$B/data/help/html|@HELP_HTML@|" > bounce.$l.txt; done
 * and read the difference before committing it.
 */

#include "config.h"

#include <string.h>

#include "todoke-test-utils.h"

/* A multi-line reply, as a server sends it. */
static const char multi_line_reply[] =
  "550-5.7.1 [192.0.2.1] The IP you're using to send mail is not authorized to\n"
  "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your\n"
  "550 5.7.1 service provider instead.  For more information, go to - gsmtp";

static char *
text_output_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "text-output", NULL);
}

/* The build tree's HTML help, as the command names it when run from there. */
static char *
help_html_dir (void)
{
  g_autofree char *root = g_path_get_dirname (g_test_get_dir (G_TEST_BUILT));

  return g_build_filename (root, "data", "help", "html", NULL);
}

/* Runs todoke with @args in @cwd, with @input on standard input, and
 * returns what it printed; fails the test on a non-zero exit. */
static char *
run_todoke (const char         *cwd,
            const char         *input,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *todoke = g_getenv ("TODOKE_CLI");
  char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (todoke);
  g_ptr_array_add (argv, (gpointer) todoke);
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_set_cwd (launcher, cwd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (err[0] != '\0')
    g_test_message ("stderr: %s", err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return out;
}

#define RUN(cwd, input, ...) \
  run_todoke (cwd, input, (const char * const[]) { __VA_ARGS__, NULL })

/* The output of NAME.eml in @lang, with the help folder made portable. */
static char *
classify_text (const char *name,
               const char *lang)
{
  g_autofree char *dir = text_output_dir ();
  g_autofree char *eml = g_strconcat (name, ".eml", NULL);
  g_autofree char *html = help_html_dir ();
  g_autofree char *out = RUN (dir, NULL, "classify", "--lang", lang, eml);
  g_auto(GStrv) parts = g_strsplit (out, html, -1);

  return g_strjoinv ("@HELP_HTML@", parts);
}

static char *
golden_path (const char *name,
             const char *lang)
{
  g_autofree char *dir = text_output_dir ();
  g_autofree char *file = g_strdup_printf ("%s.%s.txt", name, lang);

  return g_build_filename (dir, file, NULL);
}

static void
test_golden (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *actual = classify_text ("bounce", lang);
  g_autofree char *path = golden_path ("bounce", lang);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (actual, expected) != 0)
    g_test_message ("%s differs; the command printed:\n%s", path, actual);
  g_assert_cmpstr (actual, ==, expected);
}

/* The lines of the block under @heading, without their two-space indent. */
static char *
server_said_block (const char *output,
                   const char *heading)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  g_autoptr(GString) block = g_string_new (NULL);
  guint i;

  for (i = 0; lines[i] != NULL && strcmp (lines[i], heading) != 0; i++)
    ;
  g_assert_nonnull (lines[i]);
  for (i++; lines[i] != NULL && g_str_has_prefix (lines[i], "  "); i++)
    {
      if (block->len > 0)
        g_string_append_c (block, '\n');
      g_string_append (block, lines[i] + 2);
    }

  return g_strdup (block->str);
}

/* --reply: the block shows the reply exactly as given, line by line. */
static void
test_verbatim_reply (void)
{
  g_autofree char *dir = text_output_dir ();
  g_autofree char *ja = RUN (dir, multi_line_reply, "classify", "--reply", "-", "--lang", "ja");
  g_autofree char *en = RUN (dir, multi_line_reply, "classify", "--reply", "-", "--lang", "en");
  g_autofree char *ja_block = server_said_block (ja, "サーバーからの応答（原文）:");
  g_autofree char *en_block = server_said_block (en, "What the server said (verbatim):");

  g_assert_cmpstr (ja_block, ==, multi_line_reply);
  g_assert_cmpstr (en_block, ==, multi_line_reply);
}

/* A bounce: the folded Diagnostic-Code gives back the reply's own lines. */
static void
test_verbatim_bounce (void)
{
  g_autofree char *out = classify_text ("bounce", "en");
  g_autofree char *block = server_said_block (out, "What the server said (verbatim):");

  g_assert_cmpstr (block, ==,
                   "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
                   "550-5.1.1 double-checking the recipient's email address for typos or\n"
                   "550 5.1.1 unnecessary spaces. - gsmtp");
}

/* The library gives the same text: line breaks kept, nothing moved; only
 * CR LF is read as one line break. */
static void
test_verbatim_library (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(TodokeDiagnosis) plain = todoke_classifier_classify_reply (classifier, multi_line_reply, NULL, "ja");
  g_auto(GStrv) lines = g_strsplit (multi_line_reply, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autoptr(TodokeDiagnosis) windows = todoke_classifier_classify_reply (classifier, crlf, NULL, "ja");
  g_autoptr(TodokeDiagnosis) bare = todoke_classifier_classify_reply (classifier, "  452 4.2.2 Over quota  \n", NULL, "ja");
  g_autoptr(TodokeDiagnosis) alert = todoke_classifier_classify_reply (classifier,
    "メールの送信中にエラーが発生しました。サーバーからの応答:\n"
    "552 5.3.4 Message size exceeds fixed limit\n"
    "メッセージの受信者 \"kobayashi@example.jp\" を確認し、再度試してください。", NULL, "ja");

  g_assert_cmpstr (todoke_diagnosis_get_server_message (plain), ==, multi_line_reply);
  g_assert_cmpstr (todoke_diagnosis_get_server_message (windows), ==, multi_line_reply);
  /* Blank space around the whole reply is not the server's words. */
  g_assert_cmpstr (todoke_diagnosis_get_server_message (bare), ==, "452 4.2.2 Over quota");
  /* Thunderbird's alert around a reply is the client's, not the server's. */
  g_assert_cmpstr (todoke_diagnosis_get_server_message (alert), ==, "552 5.3.4 Message size exceeds fixed limit");
  g_assert_cmpuint (todoke_diagnosis_get_reply_code (plain), ==, 550);
  g_assert_cmpstr (todoke_diagnosis_get_enhanced_status (plain), ==, "5.7.1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/todoke/text-output/golden/ja", "ja", test_golden);
  g_test_add_data_func ("/todoke/text-output/golden/en", "en", test_golden);
  g_test_add_func ("/todoke/text-output/verbatim-reply", test_verbatim_reply);
  g_test_add_func ("/todoke/text-output/verbatim-bounce", test_verbatim_bounce);
  g_test_add_func ("/todoke/text-output/verbatim-library", test_verbatim_library);

  return g_test_run ();
}
