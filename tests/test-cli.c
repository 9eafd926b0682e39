/* test-cli.c: the built `todoke` program, run as a subprocess
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "todoke-test-utils.h"

typedef struct
{
  int    status;
  char  *out;
  char  *err;
  char **lines;     /* stdout split into lines, the last empty one dropped */
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_strfreev (run->lines);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
bytes_to_string (GBytes *bytes)
{
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return g_strdup ("");

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Runs todoke with @args (NULL-terminated) in @cwd, feeding @input. */
static void
run_todoke (Run                *run,
            const char         *cwd,
            const char         *input,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_bytes = todoke_test_bytes (input ? input : "");
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *todoke = g_getenv ("TODOKE_CLI");
  gsize n;

  g_assert_nonnull (todoke);
  g_ptr_array_add (argv, (gpointer) todoke);
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, stdin_bytes, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  run->status = g_subprocess_get_exit_status (process);
  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);
  run->lines = g_strsplit (run->out, "\n", -1);
  n = g_strv_length (run->lines);
  if (n > 0 && run->lines[n - 1][0] == '\0')
    g_clear_pointer (&run->lines[n - 1], g_free);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

#define RUN(run, cwd, input, ...) \
  run_todoke (run, cwd, input, (const char * const[]) { __VA_ARGS__, NULL })

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bounces", name, NULL);
}

static JsonObject *
line_object (Run   *run,
             guint  i)
{
  static JsonNode *last;

  g_assert_cmpuint (i, <, g_strv_length (run->lines));
  g_clear_pointer (&last, json_node_unref);
  last = todoke_test_parse_json (run->lines[i]);
  g_assert_cmpint (JSON_NODE_TYPE (last), ==, JSON_NODE_OBJECT);

  return json_node_get_object (last);
}

/* A temporary folder with copies of some fixtures under given names. */
static char *
make_tree (const char * const *pairs)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("todoke-cli-XXXXXX", &error);

  g_assert_no_error (error);
  for (; pairs[0] != NULL; pairs += 2)
    {
      g_autofree char *target = g_build_filename (dir, pairs[0], NULL);
      g_autofree char *parent = g_path_get_dirname (target);
      g_autoptr(GBytes) bytes = NULL;

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      if (pairs[1] == NULL)
        break;
      if (*pairs[1] == '\0')
        continue;   /* only the folder */
      bytes = todoke_test_load_dist ("data", "bounces", pairs[1], NULL);
      g_file_set_contents (target, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }

  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* DESIGN §7: one object per failed recipient with these members. */
static void
test_classify_json (void)
{
  g_autofree char *dsn = fixture ("dsn-two-recipients.eml");
  static const char * const keys[] = {
    "file", "recipient", "reason", "detail", "status", "reply_code", "hard", "provider",
    "remote_host", "diagnostic",
  };
  g_auto(Run) run = { 0 };
  JsonObject *object;
  gsize k;

  RUN (&run, NULL, NULL, "classify", "--json", dsn);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 2);

  object = line_object (&run, 0);
  for (k = 0; k < G_N_ELEMENTS (keys); k++)
    g_assert_true (json_object_has_member (object, keys[k]));
  g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, dsn);
  g_assert_cmpstr (json_object_get_string_member (object, "recipient"), ==, "bob@example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "5.1.1");
  g_assert_cmpstr (json_object_get_string_member (object, "reply_code"), ==, "550");
  g_assert_true (json_object_get_boolean_member (object, "hard"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "diagnostic"), "User unknown"));

  object = line_object (&run, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "recipient"), ==, "carol@example.jp");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "5.2.2");
  g_assert_false (json_object_get_boolean_member (object, "hard"));
  /* Bulk JSON carries no guide text unless a language is asked for. */
  g_assert_false (json_object_has_member (object, "steps"));
}

/* File names are printed as given: relative stays relative. */
static void
test_relative_names (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_auto(Run) run = { 0 };

  RUN (&run, dir, NULL, "classify", "--json", "bounces/ja-softbank-sjis.eml");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (line_object (&run, 0), "file"), ==,
                   "bounces/ja-softbank-sjis.eml");
}

static void
test_not_a_bounce (void)
{
  g_autofree char *plain = fixture ("broken/not-a-bounce.eml");
  g_autofree char *dsn = fixture ("dsn-two-recipients.eml");
  g_auto(Run) run = { 0 };
  g_auto(Run) alone = { 0 };

  RUN (&run, NULL, NULL, "classify", "--json", plain, dsn, plain);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 2);
  g_assert_nonnull (strstr (run.err, "2 messages were not bounces"));

  RUN (&alone, NULL, NULL, "classify", "--json", plain);
  g_assert_cmpint (alone.status, ==, 0);
  g_assert_cmpstr (alone.out, ==, "");
  g_assert_nonnull (strstr (alone.err, "1 message was not a bounce"));
}

/* An unreadable file is reported; the others are still classified. */
static void
test_unreadable (void)
{
  g_autofree char *dsn = fixture ("dsn-two-recipients.eml");
  g_autofree char *missing = fixture ("no-such-file.eml");
  g_autofree char *not_dir = g_build_filename (dsn, "inside", NULL);
  g_auto(Run) run = { 0 };

  RUN (&run, NULL, NULL, "classify", "--json", missing, dsn, not_dir);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 2);
  g_assert_nonnull (strstr (run.err, missing));
  g_assert_nonnull (strstr (run.err, not_dir));
  g_assert_cmpstr (json_object_get_string_member (line_object (&run, 0), "file"), ==, dsn);

  /* Permissions only stop a user who is not root. */
  if (geteuid () != 0)
    {
      const char * const pairs[] = { "locked.eml", "dsn-two-recipients.eml", NULL };
      g_autofree char *tree = make_tree (pairs);
      g_autofree char *locked = g_build_filename (tree, "locked.eml", NULL);
      g_auto(Run) denied = { 0 };

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      RUN (&denied, NULL, NULL, "classify", "--json", locked, dsn);
      g_assert_cmpint (denied.status, ==, 1);
      g_assert_cmpuint (g_strv_length (denied.lines), ==, 2);
      g_assert_nonnull (strstr (denied.err, locked));
      remove_tree (tree);
    }
}

static void
test_files_from (void)
{
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", "bounces", NULL);
  const char * const pairs[] = { "list.txt", NULL };
  g_autofree char *tree = make_tree (pairs);
  g_autofree char *list = g_build_filename (tree, "list.txt", NULL);
  const char *names = "dsn-two-recipients.eml\r\n\nja-softbank-sjis.eml\nbroken/not-a-bounce.eml\n";
  g_auto(Run) from_file = { 0 };
  g_auto(Run) from_stdin = { 0 };
  g_auto(Run) missing_list = { 0 };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (list, names, -1, &error);
  g_assert_no_error (error);

  RUN (&from_file, data, NULL, "classify", "--json", "--files-from", list);
  g_assert_cmpint (from_file.status, ==, 0);
  g_assert_cmpuint (g_strv_length (from_file.lines), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (line_object (&from_file, 2), "file"), ==,
                   "ja-softbank-sjis.eml");
  g_assert_nonnull (strstr (from_file.err, "1 message was not a bounce"));

  RUN (&from_stdin, data, names, "classify", "--json", "--files-from", "-");
  g_assert_cmpint (from_stdin.status, ==, 0);
  g_assert_cmpstr (from_stdin.out, ==, from_file.out);

  RUN (&missing_list, data, NULL, "classify", "--json", "--files-from", "no-such-list.txt");
  g_assert_cmpint (missing_list.status, !=, 0);
  g_assert_nonnull (strstr (missing_list.err, "no-such-list.txt"));
  remove_tree (tree);
}

static void
test_directory (void)
{
  const char * const pairs[] = {
    "mail/b.eml", "ja-softbank-sjis.eml",
    "mail/a.eml", "dsn-two-recipients.eml",
    "mail/sub/c.eml", "ja-docomo-sjis.eml",
    "mail/.hidden.eml", "ja-docomo-sjis.eml",
    NULL
  };
  g_autofree char *tree = make_tree (pairs);
  g_auto(Run) run = { 0 };

  RUN (&run, tree, NULL, "classify", "--json", "mail");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 4);
  /* Sorted, recursive, hidden files left out. */
  g_assert_cmpstr (json_object_get_string_member (line_object (&run, 0), "file"), ==, "mail/a.eml");
  g_assert_cmpstr (json_object_get_string_member (line_object (&run, 2), "file"), ==, "mail/b.eml");
  g_assert_cmpstr (json_object_get_string_member (line_object (&run, 3), "file"), ==, "mail/sub/c.eml");
  remove_tree (tree);
}

/* A Maildir: cur/ and new/ are read, tmp/ (messages being written) is not. */
static void
test_maildir (void)
{
  const char * const pairs[] = {
    "Maildir/cur/1772445605.M1P1.host:2,S", "dsn-two-recipients.eml",
    "Maildir/new/1772445700.M2P1.host", "ja-softbank-sjis.eml",
    "Maildir/tmp/1772445800.M3P1.host", "ja-docomo-sjis.eml",
    NULL
  };
  g_autofree char *tree = make_tree (pairs);
  g_auto(Run) run = { 0 };
  guint i;

  RUN (&run, tree, NULL, "classify", "--json", "Maildir");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 3);
  for (i = 0; run.lines[i] != NULL; i++)
    {
      const char *file = json_object_get_string_member (line_object (&run, i), "file");

      g_assert_true (g_str_has_prefix (file, "Maildir/cur/") || g_str_has_prefix (file, "Maildir/new/"));
    }
  remove_tree (tree);
}

static void
test_stdin (void)
{
  g_autoptr(GBytes) dsn = todoke_test_load_dist ("data", "bounces", "dsn-two-recipients.eml", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (dsn, NULL), g_bytes_get_size (dsn));
  g_auto(Run) run = { 0 };
  g_auto(Run) empty = { 0 };

  RUN (&run, NULL, text, "classify", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (line_object (&run, 0), "file"), ==, "-");

  RUN (&empty, NULL, "", "classify", "--json", "-");
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_cmpstr (empty.out, ==, "");
  g_assert_cmpstr (empty.err, !=, "");
}

static void
test_max_size (void)
{
  g_autoptr(GBytes) dsn = todoke_test_load_dist ("data", "bounces", "dsn-two-recipients.eml", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (dsn, NULL), g_bytes_get_size (dsn));
  g_autofree char *path = fixture ("dsn-two-recipients.eml");
  g_autofree char *small = fixture ("ja-softbank-sjis.eml");
  g_auto(Run) run = { 0 };
  g_auto(Run) piped = { 0 };

  g_assert_cmpuint (g_bytes_get_size (dsn), >, 1000);
  RUN (&run, NULL, NULL, "classify", "--json", "--max-size", "1000", path, small);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "too large"));
  g_assert_nonnull (strstr (run.err, "1000"));
  /* The small file is still read. */
  g_assert_cmpuint (g_strv_length (run.lines), ==, 1);

  RUN (&piped, NULL, text, "classify", "--json", "--max-size", "1000", "-");
  g_assert_cmpint (piped.status, ==, 1);
  g_assert_nonnull (strstr (piped.err, "too large"));
  g_assert_cmpstr (piped.out, ==, "");
}

static void
test_summary (void)
{
  g_autofree char *dsn = fixture ("dsn-two-recipients.eml");
  g_autofree char *softbank = fixture ("ja-softbank-sjis.eml");
  g_autofree char *plain = fixture ("broken/not-a-bounce.eml");
  g_autofree char *missing = fixture ("no-such-file.eml");
  g_auto(Run) run = { 0 };
  g_autoptr(GRegex) userunknown = g_regex_new ("^userunknown +2 ", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) mailboxfull = g_regex_new ("^mailboxfull +1 ", G_REGEX_MULTILINE, 0, NULL);

  RUN (&run, NULL, NULL, "classify", "--summary", dsn, softbank, plain, missing);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_regex_match (userunknown, run.out, 0, NULL));
  g_assert_true (g_regex_match (mailboxfull, run.out, 0, NULL));
  g_assert_nonnull (strstr (run.out, "4 files: 2 bounces, 1 not bounces, 1 unreadable; 3 recipients"));
}

static void
test_reply (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) piped = { 0 };
  JsonObject *object;

  RUN (&run, NULL, NULL, "classify", "--json", "--reply", "550 5.1.1 <nobody@example.jp>: User unknown",
       "--recipient", "Nobody <NOBODY@example.jp>");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 1);
  object = line_object (&run, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "recipient"), ==, "nobody@example.jp");
  g_assert_cmpstr (json_object_get_string_member (object, "reply_code"), ==, "550");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "5.1.1");
  g_assert_nonnull (json_object_get_string_member (object, "reason"));

  RUN (&piped, NULL, "535 5.7.8 Authentication credentials invalid\r\n", "classify", "--json", "--reply", "-");
  g_assert_cmpint (piped.status, ==, 0);
  object = line_object (&piped, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "reply_code"), ==, "535");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "5.7.8");
}

static void
test_reasons (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  RUN (&run, NULL, NULL, "reasons", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 73);
  for (i = 0; i < 73; i++)
    {
      JsonObject *object = line_object (&run, i);
      const char *id = json_object_get_string_member (object, "id");

      g_assert_nonnull (id);
      g_assert_true (g_hash_table_add (ids, g_strdup (id)));
      g_assert_true (json_object_has_member (object, "title_en"));
      g_assert_true (json_object_has_member (object, "title_ja"));
    }
  g_hash_table_foreach (ids, (GHFunc) g_free, NULL);

  RUN (&text, NULL, NULL, "reasons");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpuint (g_strv_length (text.lines), ==, 73);
}

/* Links back to a folder already read, links to a file, a FIFO: the walk
 * ends, lists every file once and refuses the FIFO with a message. */
static void
test_folder_links (void)
{
  const char * const pairs[] = {
    "mail/a.eml", "dsn-two-recipients.eml",
    "mail/sub/b.eml", "ja-softbank-sjis.eml",
    NULL
  };
  g_autofree char *tree = make_tree (pairs);
  g_autofree char *mail = g_build_filename (tree, "mail", NULL);
  g_autofree char *fifo = g_build_filename (mail, "queue", NULL);
  g_autofree char *loop1 = g_build_filename (mail, "loop1", NULL);
  g_autofree char *loop2 = g_build_filename (mail, "sub", "loop2", NULL);
  g_autofree char *again = g_build_filename (mail, "c.eml", NULL);
  g_auto(Run) run = { 0 };
  guint i;

  g_assert_cmpint (symlink (".", loop1), ==, 0);
  g_assert_cmpint (symlink ("..", loop2), ==, 0);
  g_assert_cmpint (symlink ("a.eml", again), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  RUN (&run, tree, NULL, "classify", "--json", "mail");
  g_assert_cmpint (run.status, ==, 1);
  /* a.eml's two recipients and b.eml's one, once each. */
  g_assert_cmpuint (g_strv_length (run.lines), ==, 3);
  for (i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (line_object (&run, i), "file"), ==, "mail/a.eml");
  g_assert_cmpstr (json_object_get_string_member (line_object (&run, 2), "file"), ==, "mail/sub/b.eml");
  g_assert_nonnull (strstr (run.err, "mail/queue: a FIFO; only regular files are read"));
  remove_tree (tree);
}

/* A FIFO named on the command line is refused, not waited on. */
static void
test_fifo_argument (void)
{
  const char * const pairs[] = { "x/", "", NULL };
  g_autofree char *tree = make_tree (pairs);
  g_autofree char *fifo = g_build_filename (tree, "fifo", NULL);
  g_autofree char *dsn = fixture ("dsn-two-recipients.eml");
  g_auto(Run) run = { 0 };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  RUN (&run, tree, NULL, "classify", "--json", "fifo", dsn);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "fifo: a FIFO"));
  g_assert_cmpuint (g_strv_length (run.lines), ==, 2);
  remove_tree (tree);
}

/* --files-from: a line too long or too many names is an error, read
 * without holding the list whole. */
static void
test_files_from_limits (void)
{
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", "bounces", NULL);
  g_autoptr(GString) long_line = g_string_new ("dsn-two-recipients.eml\n");
  g_autoptr(GString) many = g_string_new (NULL);
  g_auto(Run) too_long = { 0 };
  g_auto(Run) too_many = { 0 };
  guint i;

  for (i = 0; i < 5000; i++)
    g_string_append_c (long_line, 'x');
  for (i = 0; i <= 1000000; i++)
    g_string_append (many, "a\n");

  RUN (&too_long, data, long_line->str, "classify", "--json", "--files-from", "-");
  g_assert_cmpint (too_long.status, ==, 1);
  g_assert_nonnull (strstr (too_long.err, "line 2 is longer than 4096 bytes"));
  g_assert_cmpstr (too_long.out, ==, "");

  RUN (&too_many, data, many->str, "classify", "--json", "--files-from", "-");
  g_assert_cmpint (too_many.status, ==, 1);
  g_assert_nonnull (strstr (too_many.err, "more than 1000000 file names"));
}

/* Input read only up to a limit is reported on standard error and in the
 * exit status (3), after what was read is printed. */
static void
test_truncation (void)
{
  const char * const pairs[] = { "x/", "", NULL };
  g_autofree char *tree = make_tree (pairs);
  g_autofree char *path = g_build_filename (tree, "many.eml", NULL);
  g_autofree char *dsn = fixture ("dsn-two-recipients.eml");
  g_autoptr(GString) text = g_string_new (
    "From: MAILER-DAEMON@mx.example.net\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n"
    "--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n");
  g_autofree char *reply = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) both = { 0 };
  g_auto(Run) long_reply = { 0 };
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < 1001; i++)
    g_string_append_printf (text, "\nFinal-Recipient: rfc822; u%u@example.jp\nAction: failed\n"
                            "Status: 5.1.1\n", i);
  for (i = 0; i < 300; i++)
    g_string_append (text, "\n--r\nContent-Type: text/plain\n\n");
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  RUN (&run, tree, NULL, "classify", "--json", "many.eml");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 1000);
  g_assert_nonnull (strstr (run.err, "many.eml: a report lists too many recipients; only the first 1000 were read"));
  g_assert_nonnull (strstr (run.err, "many.eml: too many MIME parts; only the first 256 were read"));

  /* An unreadable file still makes it 1. */
  RUN (&both, tree, NULL, "classify", "--summary", "many.eml", "no-such.eml", dsn);
  g_assert_cmpint (both.status, ==, 1);

  reply = g_strnfill (70000, 'x');
  memcpy (reply, "550 5.1.1 User unknown ", 23);
  RUN (&long_reply, NULL, NULL, "classify", "--json", "--reply", reply);
  g_assert_cmpint (long_reply.status, ==, 3);
  g_assert_nonnull (strstr (long_reply.err, "only its first 65536 bytes"));
  g_assert_cmpuint (g_strv_length (long_reply.lines), ==, 1);
  g_unlink (path);
  remove_tree (tree);
}

/* --max-size is 64-bit: 2^32 + 100 does not wrap to 100. */
static void
test_max_size_64bit (void)
{
  g_autofree char *dsn = fixture ("dsn-two-recipients.eml");
  g_auto(Run) run = { 0 };

  RUN (&run, NULL, NULL, "classify", "--json", "--max-size", "4294967396", dsn);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (run.lines), ==, 2);
}

static void
test_bad_usage (void)
{
  static const char * const cases[][6] = {
    { NULL },
    { "frobnicate", NULL },
    { "classify", NULL },
    { "classify", "--json", "--summary", "x.eml", NULL },
    { "classify", "--lang", "fr", "x.eml", NULL },
    { "classify", "--max-size", "0", "x.eml", NULL },
    { "classify", "--max-size", "lots", "x.eml", NULL },
    { "classify", "--no-such-option", "x.eml", NULL },
    { "classify", "--client", "mutt", "x.eml", NULL },
    { "classify", "--reply", "550 x", "--client", "mutt", NULL },
    { "explain", "--lang", "fr", "userunknown", NULL },
    { "explain", "--client", "mutt", "userunknown", NULL },
    { "explain", NULL },
    { "explain", "no_such_reason", NULL },
    { "reasons", "--bogus", NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i][0]);
      run_todoke (&run, NULL, NULL, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.err, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/cli/classify-json", test_classify_json);
  g_test_add_func ("/todoke/cli/relative-names", test_relative_names);
  g_test_add_func ("/todoke/cli/not-a-bounce", test_not_a_bounce);
  g_test_add_func ("/todoke/cli/unreadable", test_unreadable);
  g_test_add_func ("/todoke/cli/files-from", test_files_from);
  g_test_add_func ("/todoke/cli/directory", test_directory);
  g_test_add_func ("/todoke/cli/maildir", test_maildir);
  g_test_add_func ("/todoke/cli/stdin", test_stdin);
  g_test_add_func ("/todoke/cli/max-size", test_max_size);
  g_test_add_func ("/todoke/cli/summary", test_summary);
  g_test_add_func ("/todoke/cli/reply", test_reply);
  g_test_add_func ("/todoke/cli/reasons", test_reasons);
  g_test_add_func ("/todoke/cli/bad-usage", test_bad_usage);
  g_test_add_func ("/todoke/cli/folder-links", test_folder_links);
  g_test_add_func ("/todoke/cli/fifo-argument", test_fifo_argument);
  g_test_add_func ("/todoke/cli/files-from-limits", test_files_from_limits);
  g_test_add_func ("/todoke/cli/truncation", test_truncation);
  g_test_add_func ("/todoke/cli/max-size-64bit", test_max_size_64bit);

  return g_test_run ();
}
